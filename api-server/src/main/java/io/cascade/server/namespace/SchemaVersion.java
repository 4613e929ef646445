package io.cascade.server.namespace;

import io.cascade.server.schema.CompiledSchema;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** A registered schema version; compiled on first use and kept. Thread-safe. */
public final class SchemaVersion {

    private final int version;
    private final int revision;
    private final Map<String, Object> source;
    private final String author;
    private final Instant registeredAt;
    private volatile CompiledSchema compiled;

    SchemaVersion(int version, int revision, Map<String, Object> source, String author, Instant registeredAt) {
        this.version = version;
        this.revision = revision;
        this.source = source;
        this.author = author;
        this.registeredAt = registeredAt;
    }

    public int version() {
        return version;
    }

    public int revision() {
        return revision;
    }

    public Map<String, Object> source() {
        return source;
    }

    public String author() {
        return author;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    /** The compiled schema; {@code compiler} runs at most once per version in the usual case. */
    CompiledSchema compiled(Function<Map<String, Object>, CompiledSchema> compiler) {
        CompiledSchema current = compiled;
        if (current == null) {
            current = compiler.apply(source);
            compiled = current;
        }
        return current;
    }
}
