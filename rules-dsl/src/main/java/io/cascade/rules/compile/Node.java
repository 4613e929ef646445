package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/**
 * A compiled condition.
 *
 * <p>IMPLEMENTATION NOTES (hot path). {@link #test} runs for every evaluation, so:
 *
 * <ul>
 *   <li>No allocation: operands hand back primitives with sentinels for "absent" (NaN for numbers,
 *       {@code Long.MIN_VALUE} for instants, -1 for booleans, null for strings) instead of
 *       Optional or boxed values; sets are built at compile time.
 *   <li>No parsing: literals, patterns, sets and instants are prepared by the compiler; semantic
 *       versions in attributes are read in place. Exceptions: an ISO-8601 string attribute
 *       compared as a date-time is parsed (allocates), {@code matches} allocates an RE2/J matcher,
 *       and a list attribute that is not {@link java.util.RandomAccess} is iterated.
 *   <li>No throwing: a missing attribute or a value of the wrong type makes the comparison false.
 *       {@link #explain} repeats the evaluation and says which attribute was to blame; it
 *       allocates and is for evaluation details only.
 * </ul>
 */
abstract class Node {

    /** Whether the condition holds. Allocation-free; never throws. */
    abstract boolean test(RuleContext ctx);

    /**
     * Like {@link #test}, adding a note for every attribute that was missing or of the wrong type
     * among those the evaluation read.
     */
    boolean explain(RuleContext ctx, List<String> notes) {
        boolean result = test(ctx);
        note(ctx, notes);
        return result;
    }

    /** Adds notes on this node's own operands; leaves override it. */
    void note(RuleContext ctx, List<String> notes) {}

    /** Whether the result is known at compile time: every operand is a constant. */
    boolean foldable() {
        return false;
    }
}
