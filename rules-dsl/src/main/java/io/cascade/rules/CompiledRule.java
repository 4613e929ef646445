package io.cascade.rules;

import java.util.List;
import java.util.Set;

/**
 * A rule compiled once and tested many times. Immutable and thread-safe; {@link #test} does no
 * parsing, boxing or allocation and never throws: a missing attribute or a runtime type mismatch
 * makes the comparison false.
 */
public interface CompiledRule {

    /** Whether the rule holds for the context. */
    boolean test(RuleContext context);

    /** The source text this rule was compiled from. */
    String source();

    /** The segment names the rule refers to through {@code segment("...")}. */
    Set<String> segments();

    /** The attribute paths the rule reads. */
    Set<String> attributes();

    /**
     * Tests the rule like {@link #test} and says why it came out that way: notes on attributes that
     * were missing or of the wrong type. Allocates; meant for evaluation details, not the hot path.
     */
    default Explanation explain(RuleContext context) {
        return new Explanation(test(context), List.of());
    }
}
