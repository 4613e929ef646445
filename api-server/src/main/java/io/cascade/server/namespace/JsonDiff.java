package io.cascade.server.namespace;

import io.cascade.evaluator.config.Json;
import io.cascade.server.namespace.RevisionDiff.Kind;
import io.cascade.server.namespace.RevisionDiff.PathChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Leaf-level differences between two JSON objects; arrays and scalars compare whole. */
final class JsonDiff {

    private JsonDiff() {}

    static List<PathChange> between(Map<String, Object> before, Map<String, Object> after) {
        List<PathChange> out = new ArrayList<>();
        compare("", before, after, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void compare(
            String path, Map<String, Object> before, Map<String, Object> after, List<PathChange> out) {
        for (Map.Entry<String, Object> entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                out.add(new PathChange(Json.pointer(path, entry.getKey()), Kind.REMOVED, entry.getValue(), null));
            }
        }
        for (Map.Entry<String, Object> entry : after.entrySet()) {
            String name = entry.getKey();
            String childPath = Json.pointer(path, name);
            Object newValue = entry.getValue();
            if (!before.containsKey(name)) {
                out.add(new PathChange(childPath, Kind.ADDED, null, newValue));
                continue;
            }
            Object oldValue = before.get(name);
            if (oldValue instanceof Map<?, ?> oldObject && newValue instanceof Map<?, ?> newObject) {
                compare(childPath, (Map<String, Object>) oldObject, (Map<String, Object>) newObject, out);
            } else if (!Objects.equals(oldValue, newValue)) {
                out.add(new PathChange(childPath, Kind.MODIFIED, oldValue, newValue));
            }
        }
    }
}
