package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import io.cascade.rules.ast.Operator;

/** {@code == != < <= > >=} on date-times, as epoch milliseconds. */
final class TimeComparison extends Binary {

    TimeComparison(Operand left, Operator op, Operand right) {
        super(left, op, right, Kind.DATETIME);
    }

    @Override
    boolean test(RuleContext ctx) {
        long a = left.millis(ctx);
        if (a == Operand.NO_INSTANT) {
            return false;
        }
        long b = right.millis(ctx);
        if (b == Operand.NO_INSTANT) {
            return false;
        }
        return holds(op, Long.compare(a, b));
    }
}
