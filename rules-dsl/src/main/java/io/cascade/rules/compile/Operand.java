package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/**
 * One side of a comparison, read in the form the comparison needs. Each view returns a sentinel
 * when the value is absent or of another type, so that nothing is boxed or thrown.
 */
abstract class Operand {

    static final long NO_INSTANT = Long.MIN_VALUE;
    static final int NO_BOOLEAN = -1;

    /** The raw value, or null. */
    abstract Object value(RuleContext ctx);

    /** The value as a double, or NaN. */
    double number(RuleContext ctx) {
        return Values.number(value(ctx));
    }

    /** The value as a string, or null. */
    String string(RuleContext ctx) {
        Object value = value(ctx);
        return value instanceof String s ? s : null;
    }

    /** The value as epoch milliseconds, or {@link #NO_INSTANT}. */
    long millis(RuleContext ctx) {
        return Values.millis(value(ctx));
    }

    /** The value as 1 (true) or 0 (false), or {@link #NO_BOOLEAN}. */
    int bool(RuleContext ctx) {
        Object value = value(ctx);
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return NO_BOOLEAN;
    }

    /** Whether the value is the same for every context. */
    boolean isConstant() {
        return false;
    }

    /** Adds a note if the value is missing or not of the wanted kind. */
    void note(RuleContext ctx, Kind wanted, List<String> notes) {}
}
