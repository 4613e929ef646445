package io.cascade.server.schema;

import io.cascade.evaluator.config.Json;
import io.cascade.server.schema.SchemaChange.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The structural diff between two schema versions, each change classified safe or breaking: a
 * breaking change may make a config that validated before fail now (removed property, narrowed type
 * or enum, new required property without default, tightened bound, narrowed override rule, ...).
 */
public final class SchemaDiff {

    /** Bounds where a larger new value is tighter. */
    private static final List<String> LOWER_BOUNDS =
            List.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");
    /** Bounds where a smaller new value is tighter. */
    private static final List<String> UPPER_BOUNDS =
            List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");

    private final List<SchemaChange> changes = new ArrayList<>();

    private SchemaDiff() {}

    /** The changes from {@code before} to {@code after}, in document order. */
    public static List<SchemaChange> compare(Map<String, Object> before, Map<String, Object> after) {
        SchemaDiff diff = new SchemaDiff();
        diff.node("", before, after);
        return List.copyOf(diff.changes);
    }

    private void node(String path, Map<String, Object> before, Map<String, Object> after) {
        types(path, before.get("type"), after.get("type"));
        enums(path, before.get("enum"), after.get("enum"));
        if (after.containsKey("const") && !Objects.equals(before.get("const"), after.get("const"))) {
            add(path, Kind.CONSTRAINT_TIGHTENED, "const is now " + after.get("const"));
        }
        bounds(path, before, after);
        pattern(path, before.get("pattern"), after.get("pattern"));
        overrides(path, before.get(OverrideRules.KEYWORD), after.get(OverrideRules.KEYWORD));
        properties(path, before, after);
        additionalProperties(path, before.get("additionalProperties"), after.get("additionalProperties"));
        Map<String, Object> beforeItems = object(before.get("items"));
        Map<String, Object> afterItems = object(after.get("items"));
        if (afterItems != null) {
            node(path + "/*", beforeItems == null ? Map.of() : beforeItems, afterItems);
        }
    }

    private void properties(String path, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> oldProps = orEmpty(object(before.get("properties")));
        Map<String, Object> newProps = orEmpty(object(after.get("properties")));
        Set<String> oldRequired = strings(before.get("required"));
        Set<String> newRequired = strings(after.get("required"));
        for (String name : oldProps.keySet()) {
            if (!newProps.containsKey(name)) {
                add(Json.pointer(path, name), Kind.PROPERTY_REMOVED, "property '" + name + "' removed");
            }
        }
        for (Map.Entry<String, Object> entry : newProps.entrySet()) {
            String name = entry.getKey();
            String childPath = Json.pointer(path, name);
            Map<String, Object> newSchema = orEmpty(object(entry.getValue()));
            if (!oldProps.containsKey(name)) {
                boolean required = newRequired.contains(name) && !newSchema.containsKey("default");
                add(
                        childPath,
                        required ? Kind.REQUIRED_PROPERTY_ADDED : Kind.PROPERTY_ADDED,
                        "property '" + name + "' added" + (required ? " as required, without a default" : ""));
                continue;
            }
            node(childPath, orEmpty(object(oldProps.get(name))), newSchema);
        }
        for (String name : newRequired) {
            if (oldProps.containsKey(name) && !oldRequired.contains(name)) {
                add(Json.pointer(path, name), Kind.REQUIRED_ADDED, "property '" + name + "' is now required");
            }
        }
        for (String name : oldRequired) {
            if (!newRequired.contains(name)) {
                add(Json.pointer(path, name), Kind.REQUIRED_REMOVED, "property '" + name + "' is no longer required");
            }
        }
    }

    private void types(String path, Object before, Object after) {
        if (after == null) {
            if (before != null) {
                add(path, Kind.TYPE_WIDENED, "type is no longer restricted");
            }
            return;
        }
        Set<String> newTypes = strings(after);
        if (before == null) {
            add(path, Kind.TYPE_NARROWED, "type restricted to " + newTypes);
            return;
        }
        Set<String> oldTypes = strings(before);
        Set<String> removed = minus(oldTypes, newTypes);
        removed.removeIf(type -> type.equals("integer") && newTypes.contains("number"));
        if (!removed.isEmpty()) {
            add(path, Kind.TYPE_NARROWED, "type no longer allows " + removed);
        } else if (!minus(newTypes, oldTypes).isEmpty()) {
            add(path, Kind.TYPE_WIDENED, "type now also allows " + minus(newTypes, oldTypes));
        }
    }

    private void enums(String path, Object before, Object after) {
        if (!(after instanceof List<?> newValues)) {
            if (before instanceof List<?>) {
                add(path, Kind.ENUM_WIDENED, "enum removed");
            }
            return;
        }
        if (!(before instanceof List<?> oldValues)) {
            add(path, Kind.ENUM_NARROWED, "values restricted to " + newValues);
            return;
        }
        Set<Object> removed = new LinkedHashSet<>(oldValues);
        newValues.forEach(removed::remove);
        Set<Object> added = new LinkedHashSet<>(newValues);
        oldValues.forEach(added::remove);
        if (!removed.isEmpty()) {
            add(path, Kind.ENUM_NARROWED, "values no longer allowed: " + removed);
        } else if (!added.isEmpty()) {
            add(path, Kind.ENUM_WIDENED, "values now allowed: " + added);
        }
    }

    private void bounds(String path, Map<String, Object> before, Map<String, Object> after) {
        for (String keyword : LOWER_BOUNDS) {
            compareBound(path, keyword, number(before.get(keyword)), number(after.get(keyword)), true);
        }
        for (String keyword : UPPER_BOUNDS) {
            compareBound(path, keyword, number(before.get(keyword)), number(after.get(keyword)), false);
        }
    }

    private void compareBound(String path, String keyword, Double before, Double after, boolean lower) {
        if (Objects.equals(before, after)) {
            return;
        }
        boolean tighter = after != null && (before == null || (lower ? after > before : after < before));
        add(
                path,
                tighter ? Kind.CONSTRAINT_TIGHTENED : Kind.CONSTRAINT_LOOSENED,
                keyword + " " + (before == null ? "(none)" : format(before)) + " -> "
                        + (after == null ? "(none)" : format(after)));
    }

    private void pattern(String path, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (after == null) {
            add(path, Kind.CONSTRAINT_LOOSENED, "pattern removed");
        } else {
            add(path, Kind.CONSTRAINT_TIGHTENED, "pattern is now " + after);
        }
    }

    private void overrides(String path, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return;
        }
        Set<String> oldAllowed = before == null ? null : strings(before);
        Set<String> newAllowed = after == null ? null : strings(after);
        boolean narrowed = newAllowed != null && (oldAllowed == null || !newAllowed.containsAll(oldAllowed));
        add(
                path,
                narrowed ? Kind.OVERRIDE_NARROWED : Kind.OVERRIDE_WIDENED,
                OverrideRules.KEYWORD + " " + (oldAllowed == null ? "(anywhere)" : oldAllowed) + " -> "
                        + (newAllowed == null ? "(anywhere)" : newAllowed));
    }

    private void additionalProperties(String path, Object before, Object after) {
        boolean wasForbidden = Boolean.FALSE.equals(before);
        boolean isForbidden = Boolean.FALSE.equals(after);
        if (isForbidden && !wasForbidden) {
            add(path, Kind.ADDITIONAL_PROPERTIES_FORBIDDEN, "additional properties are no longer allowed");
        } else if (wasForbidden && !isForbidden) {
            add(path, Kind.ADDITIONAL_PROPERTIES_ALLOWED, "additional properties are now allowed");
        }
    }

    private void add(String path, Kind kind, String message) {
        changes.add(new SchemaChange(path.isEmpty() ? "/" : path, kind, message));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String text) {
            out.add(text);
        } else if (value instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
