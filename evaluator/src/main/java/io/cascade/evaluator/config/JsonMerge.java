package io.cascade.evaluator.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 7396 JSON Merge Patch: objects merge recursively, any other value replaces, {@code null}
 * removes the key.
 */
public final class JsonMerge {

    private JsonMerge() {}

    /** The result of applying {@code patch} to {@code target}; neither argument is changed. */
    public static Object apply(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchObject)) {
            return patch;
        }
        Map<String, Object> result =
                target instanceof Map<?, ?> targetObject ? copy(targetObject) : new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : patchObject.entrySet()) {
            String name = (String) entry.getKey();
            Object value = entry.getValue();
            if (value == null) {
                result.remove(name);
            } else {
                result.put(name, apply(result.get(name), value));
            }
        }
        return Collections.unmodifiableMap(result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<?, ?> object) {
        return new LinkedHashMap<>((Map<String, Object>) object);
    }
}
