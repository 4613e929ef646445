package io.cascade.server.store;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, committed revision of a namespace: what changed, the action that changed it
 * ({@code layer.put}, {@code revision.restore}, ...), who (display name and key id), in which
 * request, and why.
 */
public record RevisionRecord(
        String namespace,
        int revision,
        String action,
        String author,
        String authorKeyId,
        String requestId,
        String message,
        Instant committedAt,
        List<Change> changes) {

    public RevisionRecord {
        Objects.requireNonNull(namespace, "namespace");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1, was " + revision);
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(committedAt, "committedAt");
        changes = List.copyOf(changes);
    }

    /** What a snapshot applies. */
    public Revision toRevision() {
        return new Revision(revision, committedAt, author, changes);
    }

    /** The snapshot-side view of each record, in order. */
    public static List<Revision> revisions(List<RevisionRecord> records) {
        List<Revision> out = new ArrayList<>(records.size());
        for (RevisionRecord record : records) {
            out.add(record.toRevision());
        }
        return out;
    }
}
