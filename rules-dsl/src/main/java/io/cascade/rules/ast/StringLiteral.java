package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.Objects;

/** {@code "text"}, with escapes already decoded. */
public record StringLiteral(String value, Span span) implements Literal {

    public StringLiteral {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitString(this);
    }

    @Override
    public StringLiteral withoutSpans() {
        return new StringLiteral(value, Span.NONE);
    }
}
