package io.cascade.evaluator.config;

import java.util.Map;
import java.util.Objects;

/**
 * A JSON object attached to a selector. {@code content} is treated as immutable: callers hand over
 * ownership and never change it afterwards.
 */
public record Layer(Selector selector, Map<String, Object> content) {

    public Layer {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(content, "content");
    }
}
