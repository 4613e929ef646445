package io.cascade.server.propagation;

import io.cascade.evaluator.rollout.ActiveRollout;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.NamespaceRevision;
import io.cascade.gateway.spi.NamespaceStep;
import io.cascade.server.audit.AuditEntry;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.RevisionEvents;
import io.cascade.server.rollout.RolloutRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway inside the server reads the server's own snapshots, hears its revision events, and
 * asks its rollout registry which hosts run a config rollout's candidate; tools' steps come from the
 * namespace's audit chain, the one webhooks take their {@code rollout.*} events from.
 */
final class EmbeddedGatewayState implements GatewayState {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedGatewayState.class);

    private final NamespaceSnapshots snapshots;
    private final RevisionEvents events;
    private final RolloutRegistry rollouts;
    private final AuditTrail audit;
    private final JsonMapper json;

    EmbeddedGatewayState(
            NamespaceSnapshots snapshots,
            RevisionEvents events,
            RolloutRegistry rollouts,
            AuditTrail audit,
            JsonMapper json) {
        this.snapshots = snapshots;
        this.events = events;
        this.rollouts = rollouts;
        this.audit = audit;
        this.json = json;
    }

    @Override
    public List<NamespaceStep> stepsAfter(String namespace, int afterSequence, int limit) {
        List<NamespaceStep> steps = new ArrayList<>();
        for (AuditEntry entry : audit.entriesAfter(namespace, afterSequence, limit)) {
            steps.add(new NamespaceStep(
                    entry.namespace(),
                    entry.sequence(),
                    entry.action(),
                    entry.actor(),
                    entry.at(),
                    entry.revision(),
                    entry.revision() == null ? target(entry.target()) : Map.of(),
                    entry.revision() == null ? text(entry.after()) : null,
                    entry.message()));
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> target(String text) {
        if (text == null) {
            return Map.of();
        }
        Object value = json.readValue(text, Object.class);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private String text(String jsonText) {
        if (jsonText == null) {
            return null;
        }
        Object value = json.readValue(jsonText, Object.class);
        return value == null ? null : value.toString();
    }

    @Override
    public int lastStepSequence(String namespace) {
        return audit.lastSequence(namespace);
    }

    @Override
    public void onSteps(Consumer<String> listener) {
        audit.onAppend(listener);
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
    public boolean rolloutRunning(String namespace) {
        return rollouts.configRollout(namespace).isPresent();
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
