package io.cascade.json;

import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.SchemaVersion;
import io.cascade.evaluator.snapshot.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A snapshot as JSON text and back: the one translation of the snapshot format that the store
 * keeps, the server sends to gateways, and the client caches. Thread-safe.
 */
public final class SnapshotJson {

    /** Bumped when the layout changes; a copy of another format is ignored and replayed instead. */
    public static final int FORMAT = 1;

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JsonMapper json;

    public SnapshotJson(JsonMapper json) {
        this.json = json;
    }

    public String write(Snapshot snapshot) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("namespace", snapshot.namespace());
        out.put("revision", snapshot.revision());
        out.put("dimensions", snapshot.dimensions());
        out.put("createdAt", snapshot.createdAt().toString());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Layer layer : snapshot.layers().unordered()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("selector", layer.selector().values());
            entry.put("revision", snapshot.layerRevision(layer.selector()));
            entry.put("content", layer.content());
            layers.add(entry);
        }
        out.put("layers", layers);
        List<Map<String, Object>> schemas = new ArrayList<>();
        for (SchemaVersion schema : snapshot.schemas()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", schema.version());
            entry.put("revision", schema.revision());
            entry.put("author", schema.author());
            entry.put("registeredAt", schema.registeredAt().toString());
            entry.put("source", schema.source());
            schemas.add(entry);
        }
        out.put("schemas", schemas);
        out.put("flags", documents(snapshot.flags()));
        out.put("segments", documents(snapshot.segments()));
        out.put("attributes", snapshot.attributes());
        return json.writeValueAsString(out);
    }

    private static List<Map<String, Object>> documents(Documents documents) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Documents.Entry entry : documents.entries()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", entry.key());
            item.put("revision", entry.revision());
            item.put("document", entry.document());
            out.add(item);
        }
        return out;
    }

    /** Reads a snapshot; throws {@link IllegalArgumentException} (or Jackson's exception) when it is not one. */
    @SuppressWarnings("unchecked")
    public Snapshot read(String text) {
        Map<String, Object> in = json.readValue(text, OBJECT);
        if (!Integer.valueOf(FORMAT).equals(in.get("format"))) {
            throw new IllegalArgumentException("snapshot format " + in.get("format") + " is not " + FORMAT);
        }
        List<Layer> layers = new ArrayList<>();
        Map<Selector, Integer> layerRevisions = new HashMap<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) in.get("layers")) {
            Selector selector = new Selector((List<String>) entry.get("selector"));
            layers.add(new Layer(selector, (Map<String, Object>) entry.get("content")));
            layerRevisions.put(selector, number(entry.get("revision")));
        }
        List<SchemaVersion> schemas = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) in.get("schemas")) {
            schemas.add(new SchemaVersion(
                    number(entry.get("version")),
                    number(entry.get("revision")),
                    (Map<String, Object>) entry.get("source"),
                    (String) entry.get("author"),
                    Instant.parse((String) entry.get("registeredAt"))));
        }
        return Snapshot.of(
                (String) in.get("namespace"),
                (List<String>) in.get("dimensions"),
                Instant.parse((String) in.get("createdAt")),
                number(in.get("revision")),
                layers,
                layerRevisions,
                schemas,
                documents(in.get("flags")),
                documents(in.get("segments")),
                (Map<String, String>) in.get("attributes"));
    }

    @SuppressWarnings("unchecked")
    private static Documents documents(Object list) {
        List<Documents.Entry> entries = new ArrayList<>();
        for (Map<String, Object> item : (List<Map<String, Object>>) list) {
            entries.add(new Documents.Entry(
                    (String) item.get("key"),
                    (Map<String, Object>) item.get("document"),
                    number(item.get("revision"))));
        }
        return Documents.of(entries);
    }

    private static int number(Object value) {
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("expected a number, found " + value);
        }
        return number.intValue();
    }
}
