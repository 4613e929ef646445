package io.cascade.server.namespace;

import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.SchemaVersion;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.error.CascadeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON list of change operations that change requests and multi-change commits carry:
 * {@code {"op":"putLayer","selector":{…},"content":{…}}}, {@code {"op":"deleteLayer","selector":{…}}},
 * {@code {"op":"putFlag","flag":{…}}}, {@code {"op":"putSegment","segment":{…}}}, {@code
 * {"op":"deleteSegment","key":"…"}} and {@code {"op":"registerSchema","schema":{…}}}. The one place
 * that JSON becomes {@link Change}s; each is bounded like the direct write of the same kind.
 */
public final class ChangeOperations {

    public static final int MAX_OPERATIONS = 1000;

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "putLayer", Set.of("op", "selector", "content"),
            "deleteLayer", Set.of("op", "selector"),
            "putFlag", Set.of("op", "flag"),
            "putSegment", Set.of("op", "segment"),
            "deleteSegment", Set.of("op", "key"),
            "registerSchema", Set.of("op", "schema"));

    private ChangeOperations() {}

    /** Whether the operations include a schema registration (which needs the ADMIN role). */
    public static boolean registersSchema(Object json) {
        return json instanceof List<?> list
                && list.stream().anyMatch(op -> op instanceof Map<?, ?> map && "registerSchema".equals(map.get("op")));
    }

    /** The changes {@code json} asks for against {@code state}, in order; refuses malformed ones with the index. */
    static List<Change> parse(Object json, Snapshot state, NamespaceWriter bounds) {
        if (!(json instanceof List<?> list)) {
            throw CascadeException.badInput("changes must be a JSON list of operations");
        }
        if (list.isEmpty()) {
            throw CascadeException.badInput("changes must hold at least one operation");
        }
        if (list.size() > MAX_OPERATIONS) {
            throw CascadeException.limit(
                    "changeOperations",
                    MAX_OPERATIONS,
                    "changes hold " + list.size() + " operations, more than the limit of " + MAX_OPERATIONS);
        }
        List<Change> changes = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                changes.add(one(list.get(i), state, bounds));
            } catch (CascadeException e) {
                throw new CascadeException(
                        e.code(), "changes[" + i + "]: " + e.getMessage(), e.details(), e.violations());
            }
        }
        return changes;
    }

    @SuppressWarnings("unchecked")
    private static Change one(Object item, Snapshot state, NamespaceWriter bounds) {
        if (!(item instanceof Map<?, ?> raw)) {
            throw CascadeException.badInput("an operation must be a JSON object with an 'op'");
        }
        Map<String, Object> op = (Map<String, Object>) raw;
        if (!(op.get("op") instanceof String name) || !FIELDS.containsKey(name)) {
            throw CascadeException.badInput("'op' must be one of " + new java.util.TreeSet<>(FIELDS.keySet()));
        }
        for (String field : op.keySet()) {
            if (!FIELDS.get(name).contains(field)) {
                throw CascadeException.badInput(name + " has an unknown field '" + field + "'");
            }
        }
        switch (name) {
            case "putLayer" -> {
                Selector selector = Names.selector(required(op, "selector"), state.dimensions());
                return new Change.LayerPut(selector.values(), bounds.layerContent(required(op, "content")));
            }
            case "deleteLayer" -> {
                return new Change.LayerDeleted(Names.selector(required(op, "selector"), state.dimensions())
                        .values());
            }
            case "putFlag" -> {
                Map<String, Object> flag = bounds.document("flag document", required(op, "flag"));
                return new Change.FlagPut(key("flag", flag.get("key")), flag);
            }
            case "putSegment" -> {
                Map<String, Object> segment = bounds.document("segment document", required(op, "segment"));
                return new Change.SegmentPut(key("segment", segment.get("key")), segment);
            }
            case "deleteSegment" -> {
                return new Change.SegmentDeleted(key("segment", op.get("key")));
            }
            default -> {
                Object schema = required(op, "schema");
                if (!(schema instanceof Map<?, ?> map)) {
                    throw CascadeException.badInput("schema must be a JSON object");
                }
                SchemaVersion current = state.schema();
                return new Change.SchemaRegistered(
                        current == null ? 1 : current.version() + 1, (Map<String, Object>) map);
            }
        }
    }

    private static Object required(Map<String, Object> op, String field) {
        Object value = op.get(field);
        if (value == null) {
            throw CascadeException.badInput(op.get("op") + " needs '" + field + "'");
        }
        return value;
    }

    private static String key(String what, Object key) {
        if (!(key instanceof String text)) {
            throw CascadeException.badInput(what + " needs a string 'key'");
        }
        Names.requireName(what, text);
        return text;
    }
}
