package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import io.cascade.rules.ast.Operator;

/** {@code == !=} on booleans. */
final class BooleanComparison extends Binary {

    BooleanComparison(Operand left, Operator op, Operand right) {
        super(left, op, right, Kind.BOOLEAN);
    }

    @Override
    boolean test(RuleContext ctx) {
        int a = left.bool(ctx);
        if (a == Operand.NO_BOOLEAN) {
            return false;
        }
        int b = right.bool(ctx);
        if (b == Operand.NO_BOOLEAN) {
            return false;
        }
        return op == Operator.EQ ? a == b : a != b;
    }
}
