package io.cascade.gateway.spi;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A revision as the gateway hears of it: the namespace after it, and what it was. */
public record NamespaceRevision(
        Snapshot after, String action, String author, String message, Instant committedAt, List<Change> changes) {

    public NamespaceRevision {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(committedAt, "committedAt");
        changes = List.copyOf(changes);
    }

    public String namespace() {
        return after.namespace();
    }

    public int revision() {
        return after.revision();
    }
}
