package io.cascade.client;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A {@link ConfigView}: rebuilt by the client's worker when a revision changes its part. */
final class Binding<T> implements ConfigView<T> {

    private final String pointer;
    private final Class<T> type;
    private volatile T value;
    private volatile long revision;
    private JsonNode source;

    Binding(String pointer, Class<T> type) {
        this.pointer = pointer;
        this.type = type;
    }

    @Override
    public T get() {
        return value;
    }

    @Override
    public String pointer() {
        return pointer;
    }

    @Override
    public long revision() {
        return revision;
    }

    Class<T> type() {
        return type;
    }

    /**
     * Builds the object from {@code config} of {@code configRevision} if its part changed; returns
     * whether it did. Throws when the part does not bind to the type.
     */
    synchronized boolean rebuild(JsonMapper json, JsonNode config, long configRevision) {
        if (configRevision <= revision && source != null) {
            return false;
        }
        JsonNode part = pointer.isEmpty() ? config : config.at(pointer);
        if (source != null && source.equals(part)) {
            revision = configRevision;
            return false;
        }
        value = part.isMissingNode() || part.isNull() ? null : json.treeToValue(part, type);
        source = part;
        revision = configRevision;
        return true;
    }
}
