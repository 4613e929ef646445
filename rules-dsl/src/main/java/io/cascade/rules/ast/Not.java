package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.Objects;

/** {@code not operand}. */
public record Not(Expr operand, Span span) implements Expr {

    public Not {
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitNot(this);
    }

    @Override
    public Not withoutSpans() {
        return new Not(operand.withoutSpans(), Span.NONE);
    }
}
