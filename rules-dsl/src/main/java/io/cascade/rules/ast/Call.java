package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.List;
import java.util.Objects;

/**
 * A function call: {@code semver(x)}, {@code segment("name")}, {@code percent(attr)}, {@code
 * now()}, {@code exists(attr)}. The parser accepts any name; the type checker knows the functions.
 */
public record Call(String function, List<Expr> arguments, Span span) implements Expr {

    public Call {
        Objects.requireNonNull(function, "function");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitCall(this);
    }

    @Override
    public Call withoutSpans() {
        return new Call(function, arguments.stream().map(Expr::withoutSpans).toList(), Span.NONE);
    }
}
