package io.cascade.rules;

import java.util.List;
import java.util.Objects;

/**
 * Why a rule held or not for one context, for evaluation details and debugging: the result and
 * notes on every attribute that was missing or of the wrong type, such as {@code attribute
 * 'appVersion' is missing at 1:38} or {@code expected number but attribute 'appVersion' is string
 * at 1:38}.
 */
public record Explanation(boolean matched, List<String> notes) {

    public Explanation {
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    }
}
