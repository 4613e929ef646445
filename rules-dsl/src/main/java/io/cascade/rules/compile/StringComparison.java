package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import io.cascade.rules.ast.Operator;

/** {@code == != contains startsWith endsWith} on strings. */
final class StringComparison extends Binary {

    StringComparison(Operand left, Operator op, Operand right) {
        super(left, op, right, Kind.STRING);
    }

    @Override
    boolean test(RuleContext ctx) {
        String a = left.string(ctx);
        if (a == null) {
            return false;
        }
        String b = right.string(ctx);
        if (b == null) {
            return false;
        }
        switch (op) {
            case EQ:
                return a.equals(b);
            case NE:
                return !a.equals(b);
            case CONTAINS:
                return a.contains(b);
            case STARTS_WITH:
                return a.startsWith(b);
            case ENDS_WITH:
                return a.endsWith(b);
            default:
                return false;
        }
    }
}
