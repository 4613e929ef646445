package io.cascade.evaluator.flag;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named, reusable cohort. {@code X in segment("key")} holds when X is {@code included}; else when X
 * is not {@code excluded} and {@code when} holds for the context (no {@code when}: it does not).
 *
 * @param key matches {@code [a-z0-9][a-z0-9._-]{0,62}}
 * @param included keys always in the segment (a hash set: O(1) to test)
 * @param excluded keys never in the segment through {@code when}
 * @param when the condition, in the rules DSL, if any
 * @param description free text, {@code ""} when absent
 */
public record Segment(
        String key, Set<String> included, Set<String> excluded, Optional<String> when, String description) {

    public Segment {
        Objects.requireNonNull(key, "key");
        if (!Names.isKey(key)) {
            throw new IllegalArgumentException("segment key must match " + Names.keyRule() + ", was '" + key + "'");
        }
        included = Set.copyOf(included);
        excluded = Set.copyOf(excluded);
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(description, "description");
    }
}
