package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.Objects;

/**
 * {@code @2026-12-01T00:00:00Z}; {@code text} is what follows the {@code @}, as written. The type
 * checker decides whether it is a valid date-time.
 */
public record DateTimeLiteral(String text, Span span) implements Literal {

    public DateTimeLiteral {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitDateTime(this);
    }

    @Override
    public DateTimeLiteral withoutSpans() {
        return new DateTimeLiteral(text, Span.NONE);
    }
}
