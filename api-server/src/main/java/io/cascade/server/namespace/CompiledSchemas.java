package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.SchemaVersion;
import io.cascade.server.schema.CompiledSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/** Each registered schema version compiled once, on first use, and kept: versions are few and never change. */
public final class CompiledSchemas {

    private record Key(String namespace, int version) {}

    private final JsonMapper json;
    private final Map<Key, CompiledSchema> compiled = new ConcurrentHashMap<>();

    public CompiledSchemas(JsonMapper json) {
        this.json = json;
    }

    CompiledSchema of(String namespace, SchemaVersion schema, List<String> dimensions) {
        return compiled.computeIfAbsent(
                new Key(namespace, schema.version()), key -> CompiledSchema.compile(schema.source(), dimensions, json));
    }
}
