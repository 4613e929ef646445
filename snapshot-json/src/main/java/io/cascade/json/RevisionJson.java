package io.cascade.json;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Revisions and their changes as plain JSON values ({@code Map}, {@code List}, scalars), the shape a
 * Jackson mapper writes and reads: {@code {"revision": 7, "committedAt": "...", "author": "...",
 * "changes": [{"kind": "layer", "action": "put", "selector": [...], "content": {...}}, ...]}}. All static.
 */
public final class RevisionJson {

    private RevisionJson() {}

    public static Map<String, Object> write(Revision revision) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("revision", revision.number());
        out.put("committedAt", revision.committedAt().toString());
        out.put("author", revision.author());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Change change : revision.changes()) {
            changes.add(write(change));
        }
        out.put("changes", changes);
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Revision read(Map<String, Object> json) {
        List<Change> changes = new ArrayList<>();
        for (Object change : (List<Object>) json.get("changes")) {
            changes.add(readChange((Map<String, Object>) change));
        }
        return new Revision(
                ((Number) json.get("revision")).intValue(),
                Instant.parse((String) json.get("committedAt")),
                (String) json.get("author"),
                changes);
    }

    /** One change: its kind and action, and what it carries. */
    public static Map<String, Object> write(Change change) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", change.kind());
        out.put("action", change.action());
        change.accept(new Change.Visitor<Void>() {
            @Override
            public Void namespaceCreated(Change.NamespaceCreated created) {
                out.put("dimensions", created.dimensions());
                return null;
            }

            @Override
            public Void layerPut(Change.LayerPut put) {
                out.put("selector", put.selector());
                out.put("content", put.content());
                return null;
            }

            @Override
            public Void layerDeleted(Change.LayerDeleted deleted) {
                out.put("selector", deleted.selector());
                return null;
            }

            @Override
            public Void schemaRegistered(Change.SchemaRegistered schema) {
                out.put("version", schema.version());
                out.put("schema", schema.schema());
                return null;
            }

            @Override
            public Void flagPut(Change.FlagPut flag) {
                out.put("key", flag.key());
                out.put("document", flag.document());
                return null;
            }

            @Override
            public Void flagDeleted(Change.FlagDeleted flag) {
                out.put("key", flag.key());
                return null;
            }

            @Override
            public Void segmentPut(Change.SegmentPut segment) {
                out.put("key", segment.key());
                out.put("document", segment.document());
                return null;
            }

            @Override
            public Void segmentDeleted(Change.SegmentDeleted segment) {
                out.put("key", segment.key());
                return null;
            }

            @Override
            public Void attributesDeclared(Change.AttributesDeclared declared) {
                out.put("attributes", declared.attributes());
                return null;
            }
        });
        return out;
    }

    /** The change {@link #write(Change)} wrote; an unknown kind or action is an error, never a guess. */
    @SuppressWarnings("unchecked")
    public static Change readChange(Map<String, Object> json) {
        String kind = (String) json.get("kind");
        String action = (String) json.get("action");
        switch (kind + "." + action) {
            case "namespace.create":
                return new Change.NamespaceCreated((List<String>) json.get("dimensions"));
            case "layer.put":
                return new Change.LayerPut(
                        (List<String>) json.get("selector"), (Map<String, Object>) json.get("content"));
            case "layer.delete":
                return new Change.LayerDeleted((List<String>) json.get("selector"));
            case "schema.register":
                return new Change.SchemaRegistered(
                        ((Number) json.get("version")).intValue(), (Map<String, Object>) json.get("schema"));
            case "flag.put":
                return new Change.FlagPut((String) json.get("key"), (Map<String, Object>) json.get("document"));
            case "flag.delete":
                return new Change.FlagDeleted((String) json.get("key"));
            case "segment.put":
                return new Change.SegmentPut((String) json.get("key"), (Map<String, Object>) json.get("document"));
            case "segment.delete":
                return new Change.SegmentDeleted((String) json.get("key"));
            case "attributes.put":
                return new Change.AttributesDeclared((Map<String, String>) json.get("attributes"));
            default:
                throw new IllegalArgumentException("unknown change kind '" + kind + "' and action '" + action + "'");
        }
    }
}
