package io.cascade.evaluator.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The config of one scope: the merged object, the layers that made it (least specific first) and,
 * when asked for, the source of every leaf. A scope that no layer matches has an empty config.
 */
public record Resolution(Map<String, Object> config, List<Selector> layers, List<LeafSource> sources) {

    public Resolution {
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        sources = List.copyOf(sources);
    }

    /** Whether any layer matched the scope. */
    public boolean hasConfig() {
        return !layers.isEmpty();
    }

    /**
     * The layer that set the leaf at {@code path}, or the leaf enclosing it (a scalar that an
     * error path reaches into); {@code null} when {@code path} names an object or nothing that a
     * single layer set.
     */
    public Selector sourceOf(String path) {
        for (LeafSource source : sources) {
            String leaf = source.path();
            if (path.equals(leaf) || path.startsWith(leaf + "/")) {
                return source.selector();
            }
        }
        return null;
    }
}
