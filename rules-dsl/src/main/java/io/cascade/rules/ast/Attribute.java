package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.Objects;

/** A context attribute by its dotted path: {@code country}, {@code user.tier}. */
public record Attribute(String path, Span span) implements Expr {

    public Attribute {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitAttribute(this);
    }

    @Override
    public Attribute withoutSpans() {
        return new Attribute(path, Span.NONE);
    }
}
