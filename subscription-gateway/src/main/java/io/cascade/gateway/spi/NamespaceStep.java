package io.cascade.gateway.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a namespace's audit chain, as tools are told of it: {@code sequence} orders it in the
 * chain; {@code revision} is the revision it committed (null for a step that commits none, such as a
 * rollout's pause); {@code target} is what it acted on (for a rollout step: {@code rollout},
 * {@code stage}, {@code stageName}), {@code state} what the target's state became, when known.
 */
public record NamespaceStep(
        String namespace,
        int sequence,
        String action,
        String actor,
        Instant at,
        Integer revision,
        Map<String, Object> target,
        String state,
        String message) {

    public NamespaceStep {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        target = target == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(target));
    }
}
