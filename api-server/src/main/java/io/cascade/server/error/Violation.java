package io.cascade.server.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reason a change is refused: the scope that fails (a missing dimension means any value no
 * layer names), the layer responsible, the JSON Pointer and a message; {@code rule} for illegal
 * overrides; {@code code} for problems in flag and segment documents.
 */
public record Violation(
        Map<String, String> scope, Map<String, String> layer, String path, String message, String rule, String code) {

    public Violation(Map<String, String> scope, Map<String, String> layer, String path, String message, String rule) {
        this(scope, layer, path, message, rule, null);
    }

    /** A problem in a flag or segment document, at a JSON Pointer into that document. */
    public static Violation inDocument(String path, String code, String message) {
        return new Violation(Map.of(), null, path, message, null, code);
    }

    public Violation {
        scope = scope == null ? Map.of() : Map.copyOf(scope);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public boolean isIllegalOverride() {
        return rule != null;
    }

    /** The shape of an entry in {@code extensions.violations}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scope", scope);
        map.put("layer", layer);
        map.put("path", path);
        map.put("message", message);
        if (rule != null) {
            map.put("rule", rule);
        }
        if (code != null) {
            map.put("code", code);
        }
        return map;
    }
}
