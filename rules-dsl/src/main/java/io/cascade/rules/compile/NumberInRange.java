package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import io.cascade.rules.ast.Operator;
import java.util.List;

/**
 * A number attribute against a finite literal, every operator as one closed interval: {@code >= c}
 * is {@code [c, +inf]}, {@code > c} is {@code [nextUp(c), +inf]}, {@code == c} is {@code [c, c]},
 * {@code != c} is outside {@code [c, c]}. Doubles have nothing between {@code c} and {@code
 * nextUp(c)}, so this is exact. An absent or non-number attribute (NaN) makes every form false.
 */
final class NumberInRange extends Node {

    private final AttributeOperand attribute;
    private final double low;
    private final double high;
    private final boolean negated;

    private NumberInRange(AttributeOperand attribute, double low, double high, boolean negated) {
        this.attribute = attribute;
        this.low = low;
        this.high = high;
        this.negated = negated;
    }

    /** {@code attribute op constant}; {@code constant} must be finite and {@code op} a comparison. */
    static NumberInRange of(AttributeOperand attribute, Operator op, double constant) {
        double inf = Double.POSITIVE_INFINITY;
        switch (op) {
            case EQ:
                return new NumberInRange(attribute, constant, constant, false);
            case NE:
                return new NumberInRange(attribute, constant, constant, true);
            case LT:
                return new NumberInRange(attribute, -inf, Math.nextDown(constant), false);
            case LE:
                return new NumberInRange(attribute, -inf, constant, false);
            case GT:
                return new NumberInRange(attribute, Math.nextUp(constant), inf, false);
            case GE:
                return new NumberInRange(attribute, constant, inf, false);
            default:
                throw new IllegalArgumentException("not a comparison: " + op);
        }
    }

    AttributeOperand attribute() {
        return attribute;
    }

    double low() {
        return low;
    }

    double high() {
        return high;
    }

    boolean negated() {
        return negated;
    }

    @Override
    boolean test(RuleContext ctx) {
        double a = attribute.number(ctx);
        if (a != a) {
            return false;
        }
        return (a >= low && a <= high) != negated;
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        attribute.note(ctx, Kind.NUMBER, notes);
    }
}
