package io.cascade.evaluator.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for JSON as plain Java values: deep freezing and JSON Pointer escaping. */
public final class Json {

    private Json() {}

    /**
     * A deeply unmodifiable copy of a JSON value: maps keep their order, lists may hold nulls.
     * Scalars are returned as they are.
     */
    @SuppressWarnings("unchecked")
    public static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeObject((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(freeze(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** A deeply unmodifiable copy of a JSON object. */
    public static Map<String, Object> freezeObject(Map<String, Object> object) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, object.size() * 2));
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            copy.put(entry.getKey(), freeze(entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** One reference token of a JSON Pointer (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    public static String escapePointerToken(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** {@code parent + "/" + escaped(token)}. */
    public static String pointer(String parent, String token) {
        return parent + "/" + escapePointerToken(token);
    }
}
