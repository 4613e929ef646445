package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.Objects;

/** {@code left operator right}: every binary operator but {@code and} and {@code or}. */
public record Compare(Expr left, Operator operator, Expr right, Span span) implements Expr {

    public Compare {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitCompare(this);
    }

    @Override
    public Compare withoutSpans() {
        return new Compare(left.withoutSpans(), operator, right.withoutSpans(), Span.NONE);
    }
}
