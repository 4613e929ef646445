package io.cascade.server.namespace;

import java.time.Instant;

/** A committed revision, as mutations answer it. */
public record Commit(String namespace, int revision, String author, String message, Instant committedAt) {}
