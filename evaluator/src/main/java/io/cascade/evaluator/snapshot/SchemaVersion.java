package io.cascade.evaluator.snapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A registered version of a namespace's JSON Schema, and the revision that registered it. */
public record SchemaVersion(
        int version, int revision, Map<String, Object> source, String author, Instant registeredAt) {

    public SchemaVersion {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
