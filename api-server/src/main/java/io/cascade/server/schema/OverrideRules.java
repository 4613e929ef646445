package io.cascade.server.schema;

import io.cascade.evaluator.config.Json;
import io.cascade.evaluator.config.Selector;
import io.cascade.server.error.CascadeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code x-cascade-overridable} annotations of a schema: for a property, the dimensions at
 * which a layer may set it. A layer sits at its most specific fixed dimension; the defaults layer
 * may set anything; {@code []} means defaults only; no annotation means anywhere. An annotation
 * also governs everything beneath its property, so every annotation on the way down must allow the
 * layer; and replacing or removing a parent object counts as setting every property beneath it.
 * Annotations are found through {@code properties}, {@code additionalProperties}, {@code allOf} and
 * local {@code $ref}s.
 */
public final class OverrideRules {

    /** The annotation keyword. */
    public static final String KEYWORD = "x-cascade-overridable";

    private static final OverrideRules NONE = new OverrideRules(new Node(null));

    private final Node root;

    private OverrideRules(Node root) {
        this.root = root;
    }

    public static OverrideRules none() {
        return NONE;
    }

    /** Reads the annotations, refusing with {@code BAD_USER_INPUT} one that names an unknown dimension. */
    public static OverrideRules from(Map<String, Object> schema, List<String> dimensions) {
        return new OverrideRules(read(schema, "", dimensions));
    }

    /** Whether any property carries an annotation. */
    public boolean isEmpty() {
        return root.allowed == null && root.children.isEmpty() && root.anyChild == null;
    }

    /** Every path {@code content} sets that the layer at {@code selector} may not set. */
    public List<IllegalOverride> check(Selector selector, Map<String, Object> content, List<String> dimensions) {
        List<IllegalOverride> out = new ArrayList<>();
        int level = selector.level();
        if (level < 0 || isEmpty()) {
            return out;
        }
        walk(content, "", root, dimensions.get(level), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void walk(
            Map<String, Object> content, String path, Node node, String dimension, List<IllegalOverride> out) {
        for (Map.Entry<String, Object> entry : content.entrySet()) {
            Node child = node == null ? null : node.child(entry.getKey());
            String childPath = Json.pointer(path, entry.getKey());
            if (child != null && child.allowed != null && !child.allowed.contains(dimension)) {
                reportLeaves(entry.getValue(), childPath, child.allowed, out);
                continue;
            }
            if (entry.getValue() instanceof Map<?, ?> nested) {
                walk((Map<String, Object>) nested, childPath, child, dimension, out);
            } else if (child != null) {
                Set<String> protectedBelow = child.forbiddingBelow(dimension);
                if (protectedBelow != null) {
                    out.add(new IllegalOverride(childPath, protectedBelow));
                }
            }
        }
    }

    /** Reports each leaf the layer sets beneath a forbidden property, so the path says what was set. */
    private static void reportLeaves(Object value, String path, Set<String> allowed, List<IllegalOverride> out) {
        if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
            for (Map.Entry<?, ?> entry : nested.entrySet()) {
                reportLeaves(entry.getValue(), Json.pointer(path, (String) entry.getKey()), allowed, out);
            }
            return;
        }
        out.add(new IllegalOverride(path, allowed));
    }

    private static Node read(Map<String, Object> schema, String path, List<String> dimensions) {
        return new Reader(schema, dimensions).read(schema, path);
    }

    /**
     * Builds the annotation tree, following {@code properties}, {@code additionalProperties},
     * {@code allOf} and local {@code $ref}s ({@code #/$defs/...}). A reference cycle (a recursive
     * schema) is followed once.
     */
    private static final class Reader {
        private final Map<String, Object> root;
        private final List<String> dimensions;
        private final Set<Object> expanding = Collections.newSetFromMap(new IdentityHashMap<>());

        Reader(Map<String, Object> root, List<String> dimensions) {
            this.root = root;
            this.dimensions = dimensions;
        }

        @SuppressWarnings("unchecked")
        Node read(Map<String, Object> schema, String path) {
            if (!expanding.add(schema)) {
                return new Node(null);
            }
            try {
                Node node = new Node(allowed(schema.get(KEYWORD), path, dimensions));
                if (schema.get("properties") instanceof Map<?, ?> properties) {
                    for (Map.Entry<?, ?> property : properties.entrySet()) {
                        if (property.getValue() instanceof Map<?, ?> subschema) {
                            String name = (String) property.getKey();
                            node.children.put(name, read((Map<String, Object>) subschema, Json.pointer(path, name)));
                        }
                    }
                }
                if (schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                    node.anyChild = read((Map<String, Object>) additional, path + "/*");
                }
                Map<String, Object> referenced = referenced(schema.get("$ref"));
                if (referenced != null) {
                    node.merge(read(referenced, path));
                }
                if (schema.get("allOf") instanceof List<?> all) {
                    for (Object part : all) {
                        if (part instanceof Map<?, ?> subschema) {
                            node.merge(read((Map<String, Object>) subschema, path));
                        }
                    }
                }
                return node;
            } finally {
                expanding.remove(schema);
            }
        }

        /** The subschema a local reference ({@code #/...}, a JSON Pointer) names, or null. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> referenced(Object ref) {
            if (!(ref instanceof String pointer) || !pointer.startsWith("#")) {
                return null;
            }
            Object current = root;
            for (String token : pointer.substring(1).split("/")) {
                if (token.isEmpty()) {
                    continue;
                }
                String name = token.replace("~1", "/").replace("~0", "~");
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(name)) {
                    return null;
                }
                current = map.get(name);
            }
            return current instanceof Map<?, ?> target ? (Map<String, Object>) target : null;
        }
    }

    private static Set<String> allowed(Object annotation, String path, List<String> dimensions) {
        if (annotation == null) {
            return null;
        }
        String where = path.isEmpty() ? "the root" : path;
        if (!(annotation instanceof List<?> list)) {
            throw CascadeException.badInput(KEYWORD + " at " + where + " must be a list of dimension names");
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String name) || !dimensions.contains(name)) {
                throw CascadeException.badInput(KEYWORD + " at " + where + " names '" + item
                        + "', not a dimension of this namespace " + dimensions);
            }
            allowed.add(name);
        }
        return Collections.unmodifiableSet(allowed);
    }

    /** A path a layer sets that its rule does not allow at the layer's dimension. */
    public record IllegalOverride(String path, Set<String> allowed) {

        /** {@code x-cascade-overridable: [environment]}. */
        public String rule() {
            return KEYWORD + ": " + allowed;
        }

        public String message(Selector selector) {
            String where = allowed.isEmpty() ? "defaults only" : "only at " + allowed;
            return "layer " + selector + " sets " + path + ", overridable " + where;
        }
    }

    private static final class Node {
        Set<String> allowed;
        final Map<String, Node> children = new HashMap<>();
        Node anyChild;

        Node(Set<String> allowed) {
            this.allowed = allowed;
        }

        /** Adds another schema's rules at the same place: a layer must satisfy both. */
        void merge(Node other) {
            if (other.allowed != null) {
                if (allowed == null) {
                    allowed = other.allowed;
                } else {
                    Set<String> both = new LinkedHashSet<>(allowed);
                    both.retainAll(other.allowed);
                    allowed = Collections.unmodifiableSet(both);
                }
            }
            other.children.forEach((name, child) -> {
                Node mine = children.get(name);
                if (mine == null) {
                    children.put(name, child);
                } else {
                    mine.merge(child);
                }
            });
            if (other.anyChild != null) {
                if (anyChild == null) {
                    anyChild = other.anyChild;
                } else {
                    anyChild.merge(other.anyChild);
                }
            }
        }

        Node child(String name) {
            Node child = children.get(name);
            return child != null ? child : anyChild;
        }

        /**
         * The rule of a property beneath this one that a layer at {@code dimension} may not set:
         * replacing or removing this whole value would change it all the same. Null if none.
         */
        Set<String> forbiddingBelow(String dimension) {
            List<Node> below = new ArrayList<>(children.values());
            if (anyChild != null) {
                below.add(anyChild);
            }
            for (Node node : below) {
                if (node.allowed != null && !node.allowed.contains(dimension)) {
                    return node.allowed;
                }
                Set<String> deeper = node.forbiddingBelow(dimension);
                if (deeper != null) {
                    return deeper;
                }
            }
            return null;
        }
    }
}
