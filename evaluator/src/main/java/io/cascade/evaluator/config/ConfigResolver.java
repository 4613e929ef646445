package io.cascade.evaluator.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the config of a scope: every matching layer, merged least specific first with RFC 7396
 * semantics, optionally with the layer that set each leaf ("explain").
 *
 * <p>A leaf is any value that is not a non-empty object: a scalar, an array (arrays replace whole)
 * or an empty object.
 */
public final class ConfigResolver {

    private ConfigResolver() {}

    public static Resolution resolve(LayerSet layers, Scope scope, boolean explain) {
        return merge(layers.matching(scope), explain);
    }

    /** Merges {@code layers} in the order given. */
    public static Resolution merge(List<Layer> layers, boolean explain) {
        Map<String, Object> config = new LinkedHashMap<>();
        Node provenance = explain ? new Node(null) : null;
        List<Selector> selectors = new ArrayList<>(layers.size());
        for (Layer layer : layers) {
            mergeInto(config, layer.content(), layer.selector(), provenance);
            selectors.add(layer.selector());
        }
        List<LeafSource> sources = new ArrayList<>();
        if (explain) {
            collectLeaves(config, "", provenance, sources);
        }
        return new Resolution(freeze(config), selectors, sources);
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> patch, Selector source, Node node) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (value == null) {
                target.remove(name);
                if (node != null) {
                    node.children.remove(name);
                }
                continue;
            }
            if (!(value instanceof Map<?, ?> patchObject)) {
                target.put(name, value);
                if (node != null) {
                    node.children.put(name, new Node(source));
                }
                continue;
            }
            // Objects in the target were all created below, so they are ours to change.
            Object existing = target.get(name);
            Map<String, Object> child;
            Node childNode = null;
            if (existing instanceof Map<?, ?> existingObject) {
                child = (Map<String, Object>) existingObject;
                childNode = node == null ? null : node.children.get(name);
            } else {
                child = new LinkedHashMap<>();
                target.put(name, child);
                if (node != null) {
                    childNode = new Node(source);
                    node.children.put(name, childNode);
                }
            }
            mergeInto(child, (Map<String, Object>) patchObject, source, childNode);
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectLeaves(Map<String, Object> object, String path, Node node, List<LeafSource> out) {
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            String childPath = Json.pointer(path, entry.getKey());
            Node childNode = node.children.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                collectLeaves((Map<String, Object>) child, childPath, childNode, out);
            } else {
                out.add(new LeafSource(childPath, childNode.source));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> object) {
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            if (entry.getValue() instanceof LinkedHashMap<?, ?> child) {
                entry.setValue(freeze((Map<String, Object>) child));
            }
        }
        return Collections.unmodifiableMap(object);
    }

    /** Provenance tree parallel to the config being merged. */
    private static final class Node {
        final Selector source;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(Selector source) {
            this.source = source;
        }
    }
}
