package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;

/** A literal, with every view computed once. */
final class ConstantOperand extends Operand {

    private final Object value;
    private final double number;
    private final String string;
    private final long millis;
    private final int bool;

    private ConstantOperand(Object value, double number, String string, long millis, int bool) {
        this.value = value;
        this.number = number;
        this.string = string;
        this.millis = millis;
        this.bool = bool;
    }

    static ConstantOperand of(String value) {
        return new ConstantOperand(value, Double.NaN, value, NO_INSTANT, NO_BOOLEAN);
    }

    static ConstantOperand of(double value) {
        return new ConstantOperand(value, value, null, NO_INSTANT, NO_BOOLEAN);
    }

    static ConstantOperand of(boolean value) {
        return new ConstantOperand(value, Double.NaN, null, NO_INSTANT, value ? 1 : 0);
    }

    static ConstantOperand ofMillis(long millis) {
        return new ConstantOperand(millis, Double.NaN, null, millis, NO_BOOLEAN);
    }

    @Override
    Object value(RuleContext ctx) {
        return value;
    }

    /** The literal as a string, or null when it is not one. */
    String constantString() {
        return string;
    }

    /** The literal as a number, or NaN when it is not one. */
    double constantNumber() {
        return number;
    }

    @Override
    double number(RuleContext ctx) {
        return number;
    }

    @Override
    String string(RuleContext ctx) {
        return string;
    }

    @Override
    long millis(RuleContext ctx) {
        return millis;
    }

    @Override
    int bool(RuleContext ctx) {
        return bool;
    }

    @Override
    boolean isConstant() {
        return true;
    }
}
