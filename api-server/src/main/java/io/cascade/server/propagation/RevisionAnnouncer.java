package io.cascade.server.propagation;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.bus.RevisionBus;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.ReplicaCatchUp;
import io.cascade.server.namespace.RevisionListener;
import io.cascade.server.store.RevisionRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/**
 * Announces every revision this process commits on the bus, once it is durable (revision events
 * are), and catches up when another process announces one this process does not hold yet.
 */
final class RevisionAnnouncer implements RevisionListener {

    private final RevisionBus bus;
    private final Tracer tracer;

    RevisionAnnouncer(RevisionBus bus, Tracer tracer, NamespaceSnapshots snapshots, ReplicaCatchUp replicas) {
        this.bus = bus;
        this.tracer = tracer;
        bus.subscribe(announcement -> {
            Snapshot held = snapshots.held(announcement.namespace());
            if (held == null || held.revision() < announcement.revision()) {
                replicas.catchUp(announcement.namespace());
            }
        });
        bus.onReconnect(replicas::refresh);
    }

    @Override
    public void revision(RevisionRecord record, Snapshot after, boolean committedHere) {
        if (!committedHere) {
            return;
        }
        Span span = tracer.spanBuilder("cascade.revision.announce")
                .setAttribute("cascade.namespace", record.namespace())
                .setAttribute("cascade.revision", record.revision())
                .startSpan();
        try {
            bus.publish(new RevisionBus.Announcement(
                    record.namespace(), record.revision(), record.committedAt().toEpochMilli()));
        } finally {
            span.end();
        }
    }
}
