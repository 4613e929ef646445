package io.cascade.cli.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One reason the server refused a change, as in {@code extensions.violations}: the scope that
 * fails, the layer responsible (empty when none is), the JSON Pointer, the message and, for an
 * illegal override, the rule broken.
 */
public record Violation(
        Map<String, String> scope, Map<String, String> layer, String path, String message, String rule) {

    public Violation {
        scope = ordered(scope);
        layer = layer == null ? null : ordered(layer);
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    /** The layer responsible, if the server named one. */
    public Optional<Map<String, String>> layerIfAny() {
        return Optional.ofNullable(layer);
    }

    /** The rule broken, for an illegal override. */
    public Optional<String> ruleIfAny() {
        return Optional.ofNullable(rule);
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
