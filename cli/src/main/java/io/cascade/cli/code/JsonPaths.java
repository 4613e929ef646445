package io.cascade.cli.code;

import io.cascade.cli.text.Json;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Line-per-leaf differences between two JSON values, for plans people read. */
final class JsonPaths {

    private JsonPaths() {}

    /** Adds {@code     /path: old -> new} for every differing leaf under {@code path}. */
    static void diff(String path, JsonNode before, JsonNode after, List<String> out) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new TreeSet<>();
            before.properties().forEach(entry -> names.add(entry.getKey()));
            after.properties().forEach(entry -> names.add(entry.getKey()));
            for (String name : names) {
                diff(path + "/" + name.replace("~", "~0").replace("/", "~1"), before.get(name), after.get(name), out);
            }
            return;
        }
        if (before == null ? after == null : before.equals(after)) {
            return;
        }
        out.add("    " + (path.isEmpty() ? "/" : path) + ": " + value(before) + " -> " + value(after));
    }

    private static String value(JsonNode node) {
        return node == null ? "(none)" : Json.compact(node);
    }
}
