package io.cascade.client;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** What changed between two revisions: config leaves by JSON Pointer, flags by key. All static. */
final class ChangeDiff {

    private ChangeDiff() {}

    static Map<String, ChangeType> config(JsonNode before, JsonNode after) {
        Map<String, ChangeType> out = new LinkedHashMap<>();
        walk("", before, after, out);
        return out;
    }

    private static void walk(String path, JsonNode before, JsonNode after, Map<String, ChangeType> out) {
        if (before != null && before.equals(after)) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new TreeSet<>(before.propertyNames());
            names.addAll(after.propertyNames());
            for (String name : names) {
                walk(path + "/" + escape(name), before.get(name), after.get(name), out);
            }
            return;
        }
        if (before == null) {
            leaves(path, after, ChangeType.ADDED, out);
        } else if (after == null) {
            leaves(path, before, ChangeType.DELETED, out);
        } else {
            out.put(path, ChangeType.MODIFIED);
        }
    }

    private static void leaves(String path, JsonNode node, ChangeType type, Map<String, ChangeType> out) {
        if (node.isObject() && !node.isEmpty()) {
            for (String name : new TreeSet<>(node.propertyNames())) {
                leaves(path + "/" + escape(name), node.get(name), type, out);
            }
            return;
        }
        out.put(path, type);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Flags by key; when the segments differ, every flag of either side counts as changed. */
    static Map<String, ChangeType> flags(JsonNode flagsBefore, JsonNode flagsAfter, boolean segmentsChanged) {
        Map<String, JsonNode> before = byKey(flagsBefore);
        Map<String, JsonNode> after = byKey(flagsAfter);
        Map<String, ChangeType> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : after.entrySet()) {
            JsonNode old = before.get(entry.getKey());
            if (old == null) {
                out.put(entry.getKey(), ChangeType.ADDED);
            } else if (segmentsChanged || !old.equals(entry.getValue())) {
                out.put(entry.getKey(), ChangeType.MODIFIED);
            }
        }
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                out.put(key, ChangeType.DELETED);
            }
        }
        return out;
    }

    private static Map<String, JsonNode> byKey(JsonNode documents) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode document : documents) {
            out.put(document.path("key").asString(""), document);
        }
        return out;
    }
}
