package io.cascade.server.namespace;

import java.util.List;
import java.util.Map;

/** What changed between two revisions of a namespace, layer by layer and path by path. */
public record RevisionDiff(
        String namespace,
        int fromRevision,
        int toRevision,
        List<LayerDiff> layers,
        List<DocumentDiff> flags,
        List<DocumentDiff> segments,
        boolean schemaChanged) {

    public enum Kind {
        ADDED,
        REMOVED,
        MODIFIED
    }

    /** A flag or segment document that changed, by key. */
    public record DocumentDiff(String key, Kind kind, List<PathChange> changes) {}

    public record LayerDiff(Map<String, String> selector, Kind kind, List<PathChange> changes) {}

    /** A JSON Pointer within the layer with its old and new value ({@code null} when absent). */
    public record PathChange(String path, Kind kind, Object oldValue, Object newValue) {}
}
