package io.cascade.rules;

import java.util.List;
import java.util.Optional;
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
     * The rule as an {@code and} of conditions on slots of a shared layout, when it has that shape;
     * empty otherwise (an {@code or}, a {@code not}, a regex, a comparison of two attributes, a rule
     * that never holds, ...). For evaluators that lay many rules out together; {@link #test} gives
     * the same answer for every context.
     */
    default Optional<Conjunction> conjunction() {
        return Optional.empty();
    }

    /**
     * Tests the rule like {@link #test} and says why it came out that way: notes on attributes that
     * were missing or of the wrong type. Allocates; meant for evaluation details, not the hot path.
     */
    default Explanation explain(RuleContext context) {
        return new Explanation(test(context), List.of());
    }
}
