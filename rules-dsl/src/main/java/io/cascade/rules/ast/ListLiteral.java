package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.List;
import java.util.Objects;

/** {@code ["US", "CA"]}. The type checker requires the elements to be literals of one type. */
public record ListLiteral(List<Expr> elements, Span span) implements Literal {

    public ListLiteral {
        elements = List.copyOf(elements);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitList(this);
    }

    @Override
    public ListLiteral withoutSpans() {
        return new ListLiteral(elements.stream().map(Expr::withoutSpans).toList(), Span.NONE);
    }
}
