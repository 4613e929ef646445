package io.cascade.server.namespace;

import java.util.List;
import java.util.Map;

/** Measures JSON values as plain Java objects. */
final class JsonLimits {

    private JsonLimits() {}

    /** Nesting depth: a scalar is 0, {@code {}} and {@code []} are 1. */
    static int depth(Object value) {
        if (value instanceof Map<?, ?> map) {
            int deepest = 0;
            for (Object child : map.values()) {
                deepest = Math.max(deepest, depth(child));
            }
            return deepest + 1;
        }
        if (value instanceof List<?> list) {
            int deepest = 0;
            for (Object child : list) {
                deepest = Math.max(deepest, depth(child));
            }
            return deepest + 1;
        }
        return 0;
    }
}
