package io.cascade.evaluator.config;

import java.util.Objects;

/** Provenance of one leaf of a resolved config: its JSON Pointer and the layer that set it. */
public record LeafSource(String path, Selector selector) {

    public LeafSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(selector, "selector");
    }
}
