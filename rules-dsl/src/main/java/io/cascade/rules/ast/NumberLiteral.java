package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.Objects;

/** {@code 42}, {@code -1.5}, {@code 2e3}: every number is a finite double. */
public record NumberLiteral(double value, Span span) implements Literal {

    public NumberLiteral {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("number literal must be finite, was " + value);
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitNumber(this);
    }

    @Override
    public NumberLiteral withoutSpans() {
        return new NumberLiteral(value, Span.NONE);
    }
}
