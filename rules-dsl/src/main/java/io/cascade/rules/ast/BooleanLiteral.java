package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.Objects;

/** {@code true} or {@code false}. */
public record BooleanLiteral(boolean value, Span span) implements Literal {

    public BooleanLiteral {
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitBoolean(this);
    }

    @Override
    public BooleanLiteral withoutSpans() {
        return new BooleanLiteral(value, Span.NONE);
    }
}
