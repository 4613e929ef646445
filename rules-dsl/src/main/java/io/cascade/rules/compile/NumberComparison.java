package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import io.cascade.rules.ast.Operator;

/** {@code == != < <= > >=} on numbers. */
final class NumberComparison extends Binary {

    NumberComparison(Operand left, Operator op, Operand right) {
        super(left, op, right, Kind.NUMBER);
    }

    @Override
    boolean test(RuleContext ctx) {
        double a = left.number(ctx);
        if (Double.isNaN(a)) {
            return false;
        }
        double b = right.number(ctx);
        if (Double.isNaN(b)) {
            return false;
        }
        switch (op) {
            case EQ:
                return a == b;
            case NE:
                return a != b;
            case LT:
                return a < b;
            case LE:
                return a <= b;
            case GT:
                return a > b;
            case GE:
                return a >= b;
            default:
                return false;
        }
    }
}
