package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.List;

/** Span-less tree builders for expected values in tests. */
public final class Trees {

    private Trees() {}

    public static Attribute attr(String path) {
        return new Attribute(path, Span.NONE);
    }

    public static StringLiteral str(String value) {
        return new StringLiteral(value, Span.NONE);
    }

    public static NumberLiteral num(double value) {
        return new NumberLiteral(value, Span.NONE);
    }

    public static BooleanLiteral bool(boolean value) {
        return new BooleanLiteral(value, Span.NONE);
    }

    public static DateTimeLiteral dateTime(String text) {
        return new DateTimeLiteral(text, Span.NONE);
    }

    public static ListLiteral list(Expr... elements) {
        return new ListLiteral(List.of(elements), Span.NONE);
    }

    public static Call call(String function, Expr... arguments) {
        return new Call(function, List.of(arguments), Span.NONE);
    }

    public static Compare compare(Expr left, Operator operator, Expr right) {
        return new Compare(left, operator, right, Span.NONE);
    }

    public static And and(Expr... operands) {
        return new And(List.of(operands), Span.NONE);
    }

    public static Or or(Expr... operands) {
        return new Or(List.of(operands), Span.NONE);
    }

    public static Not not(Expr operand) {
        return new Not(operand, Span.NONE);
    }
}
