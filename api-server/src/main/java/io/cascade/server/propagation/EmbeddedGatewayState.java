package io.cascade.server.propagation;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.NamespaceRevision;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.RevisionEvents;
import java.util.Optional;
import java.util.function.Consumer;

/** The gateway inside the server reads the server's own snapshots and hears its revision events. */
final class EmbeddedGatewayState implements GatewayState {

    private final NamespaceSnapshots snapshots;
    private final RevisionEvents events;

    EmbeddedGatewayState(NamespaceSnapshots snapshots, RevisionEvents events) {
        this.snapshots = snapshots;
        this.events = events;
    }

    @Override
    public Optional<Snapshot> latest(String namespace) {
        try {
            return Optional.of(snapshots.head(namespace));
        } catch (CascadeException notFound) {
            return Optional.empty();
        }
    }

    @Override
    public void onRevision(Consumer<NamespaceRevision> listener) {
        events.subscribe((record, after, committedHere) -> listener.accept(new NamespaceRevision(
                after, record.action(), record.author(), record.message(), record.committedAt(), record.changes())));
    }
}
