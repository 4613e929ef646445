package io.cascade.server.namespace;

import java.util.List;
import java.util.Map;

/** Measures JSON values as plain Java objects. */
final class JsonLimits {

    private JsonLimits() {}

    /** Whether every number in the value is finite (JSON has no infinity or NaN). */
    static boolean finite(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Object child : map.values()) {
                if (!finite(child)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object child : list) {
                if (!finite(child)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Double number) {
            return Double.isFinite(number);
        }
        if (value instanceof Float number) {
            return Float.isFinite(number);
        }
        return true;
    }

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
