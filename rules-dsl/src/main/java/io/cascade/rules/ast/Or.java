package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.List;
import java.util.Objects;

/** {@code a or b or c}: one node for a whole chain, at least two operands. */
public record Or(List<Expr> operands, Span span) implements Expr {

    public Or {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("'or' needs at least two operands, got " + operands.size());
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitOr(this);
    }

    @Override
    public Or withoutSpans() {
        return new Or(operands.stream().map(Expr::withoutSpans).toList(), Span.NONE);
    }
}
