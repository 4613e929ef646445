package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import io.cascade.rules.ast.Operator;
import java.time.Instant;
import java.util.List;

/**
 * {@code == != < <= > >=} between two untyped attributes: numbers, strings, booleans and instants
 * compare with their own kind (strings and booleans for equality only); anything else is false.
 */
final class DynamicComparison extends Binary {

    DynamicComparison(Operand left, Operator op, Operand right) {
        super(left, op, right, Kind.ANY);
    }

    @Override
    boolean test(RuleContext ctx) {
        Object a = left.value(ctx);
        Object b = right.value(ctx);
        if (a instanceof Number x && b instanceof Number y) {
            return holdsForDoubles(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Instant && b instanceof Instant) {
            long x = Values.millis(a);
            long y = Values.millis(b);
            return x != Operand.NO_INSTANT && y != Operand.NO_INSTANT && holds(op, Long.compare(x, y));
        }
        boolean equality = op == Operator.EQ || op == Operator.NE;
        if (!equality || !comparable(a, b)) {
            return false;
        }
        return a.equals(b) == (op == Operator.EQ);
    }

    private boolean holdsForDoubles(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        return holds(op, a < b ? -1 : a > b ? 1 : 0);
    }

    private static boolean comparable(Object a, Object b) {
        return (a instanceof String && b instanceof String) || (a instanceof Boolean && b instanceof Boolean);
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        super.note(ctx, notes);
        Object a = left.value(ctx);
        Object b = right.value(ctx);
        if (a != null && b != null && !test(ctx)) {
            boolean sameKind = Kind.nameOf(a).equals(Kind.nameOf(b));
            if (!sameKind) {
                notes.add("cannot compare " + Kind.nameOf(a) + " with " + Kind.nameOf(b) + " using '" + op.symbol()
                        + "'");
            }
        }
    }
}
