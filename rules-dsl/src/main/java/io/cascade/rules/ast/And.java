package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.List;
import java.util.Objects;

/** {@code a and b and c}: one node for a whole chain, at least two operands. */
public record And(List<Expr> operands, Span span) implements Expr {

    public And {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("'and' needs at least two operands, got " + operands.size());
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitAnd(this);
    }

    @Override
    public And withoutSpans() {
        return new And(operands.stream().map(Expr::withoutSpans).toList(), Span.NONE);
    }
}
