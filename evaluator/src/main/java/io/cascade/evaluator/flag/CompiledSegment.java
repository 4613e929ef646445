package io.cascade.evaluator.flag;

import io.cascade.rules.CompiledRule;
import io.cascade.rules.RuleContext;
import java.util.Set;

/** A segment ready to test: hash sets for the key lists, the condition compiled with the segment key as salt. */
final class CompiledSegment {

    private final Segment segment;
    private final CompiledRule when;

    CompiledSegment(Segment segment, CompiledRule when) {
        this.segment = segment;
        this.when = when;
    }

    Segment segment() {
        return segment;
    }

    /** The segments this one's condition refers to. */
    Set<String> references() {
        return when == null ? Set.of() : when.segments();
    }

    boolean contains(String value, RuleContext context) {
        if (segment.included().contains(value)) {
            return true;
        }
        if (when == null || segment.excluded().contains(value)) {
            return false;
        }
        return when.test(context);
    }
}
