package io.cascade.server.propagation;

import io.cascade.evaluator.rollout.ActiveRollout;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.NamespaceRevision;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.RevisionEvents;
import io.cascade.server.rollout.RolloutRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The gateway inside the server reads the server's own snapshots, hears its revision events, and
 * asks its rollout registry which hosts run a config rollout's candidate.
 */
final class EmbeddedGatewayState implements GatewayState {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedGatewayState.class);

    private final NamespaceSnapshots snapshots;
    private final RevisionEvents events;
    private final RolloutRegistry rollouts;

    EmbeddedGatewayState(NamespaceSnapshots snapshots, RevisionEvents events, RolloutRegistry rollouts) {
        this.snapshots = snapshots;
        this.events = events;
        this.rollouts = rollouts;
    }

    @Override
    public String cohortOf(String namespace, String hostId, Map<String, String> scope) {
        Optional<ActiveRollout> rollout = rollouts.configRollout(namespace);
        Optional<Snapshot> latest = latest(namespace);
        if (rollout.isEmpty() || latest.isEmpty()) {
            return "";
        }
        return rollout.get().servesCandidate(hostId, scope, latest.get())
                ? rollout.get().candidateCohort()
                : "";
    }

    @Override
    public Optional<Snapshot> snapshotFor(String namespace, String cohort) {
        Optional<ActiveRollout> rollout = rollouts.configRollout(namespace);
        if (!cohort.isEmpty() || rollout.isEmpty()) {
            return latest(namespace);
        }
        try {
            return Optional.of(snapshots.at(namespace, rollout.get().baseRevision()));
        } catch (CascadeException notFound) {
            return Optional.empty();
        }
    }

    @Override
    public void onCohortsChanged(Consumer<String> listener) {
        rollouts.onChange(listener);
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
        events.subscribe((record, after, committedHere) -> {
            if (!committedHere && record.action().startsWith("rollout.")) {
                refreshRollouts(record.namespace());
            }
            listener.accept(new NamespaceRevision(
                    after, record.action(), record.author(), record.message(), record.committedAt(), record.changes()));
        });
    }

    /** Another process's rollout moved: known before its revision is served, so no host sees the candidate early. */
    private void refreshRollouts(String namespace) {
        try {
            rollouts.refresh(namespace);
        } catch (RuntimeException e) {
            log.warn("Could not read the rollouts of {}: {}", namespace, e.toString());
        }
    }
}
