package io.cascade.evaluator.config;

import java.util.List;
import java.util.Objects;

/**
 * A representative scope and the layers it matches, least specific first. Every scope matching
 * exactly these layers resolves to the same config, so one validation covers them all.
 */
public record ScopeGroup(Scope scope, List<Layer> layers) {

    public ScopeGroup {
        Objects.requireNonNull(scope, "scope");
        layers = List.copyOf(layers);
    }
}
