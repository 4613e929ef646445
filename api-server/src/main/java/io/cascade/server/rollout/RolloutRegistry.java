package io.cascade.server.rollout;

import io.cascade.evaluator.rollout.ActiveRollout;
import io.cascade.evaluator.rollout.Cohort;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.RolloutLock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active rollouts this process knows, per namespace: what the gateway state asks to serve each
 * host, and the write lock. Refreshed from the store by the orchestrator's tick, at once for a
 * change made here, and before a write whose namespace moved past what was last checked (so a
 * rollout another process just started is never missed by the lock).
 *
 * <p>NOTES. Each namespace's entry is an immutable value swapped whole, under the registry's lock;
 * readers take it without locking. A read of the store never takes back a newer version this
 * process knows (see {@link #merge}). Listeners hear of a namespace whose config rollout view
 * (base, candidate, cohorts, or whether one runs) changed, after the swap, outside the lock.
 */
public final class RolloutRegistry implements RolloutLock {

    private static final Logger log = LoggerFactory.getLogger(RolloutRegistry.class);

    /** A namespace's active rollouts, and its config rollout as hosts see it (null: none). */
    private record Entry(List<Rollout> rollouts, ActiveRollout config) {
        static final Entry NONE = new Entry(List.of(), null);
    }

    private final RolloutStore store;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Integer> checkedAt = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** The newest version seen of each rollout an entry holds (or this process just changed). */
    private final Map<String, Rollout> latest = new HashMap<>();
    /** When (in {@link #generation}s) this process last changed each rollout. */
    private final Map<String, Long> changedAt = new HashMap<>();

    private final AtomicLong generation = new AtomicLong();

    RolloutRegistry(RolloutStore store) {
        this.store = store;
    }

    /** {@code listener} hears of every namespace whose config rollout view changed. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The running or paused config rollout of {@code namespace}, as hosts see it. */
    public Optional<ActiveRollout> configRollout(String namespace) {
        Entry entry = entries.get(namespace);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.config);
    }

    /**
     * What a read of the latest state is served while a config rollout runs: {@code head} (the
     * candidate) for a host in the current cohort, the base for every other host and every read
     * without a host id; {@code head} when no config rollout runs.
     */
    public Snapshot served(NamespaceSnapshots snapshots, Snapshot head, String hostId, Map<String, String> scope) {
        ActiveRollout rollout = configRollout(head.namespace()).orElse(null);
        if (rollout == null || rollout.servesCandidate(hostId, scope, head)) {
            return head;
        }
        return snapshots.at(head.namespace(), rollout.baseRevision());
    }

    /** Every running or paused config rollout this process knows, by namespace. */
    public Map<String, ActiveRollout> configRollouts() {
        Map<String, ActiveRollout> out = new java.util.TreeMap<>();
        entries.forEach((namespace, entry) -> {
            if (entry.config != null) {
                out.put(namespace, entry.config);
            }
        });
        return out;
    }

    /** Every active rollout of {@code namespace} this process knows. */
    List<Rollout> active(String namespace) {
        Entry entry = entries.get(namespace);
        return entry == null ? List.of() : entry.rollouts;
    }

    /** Everything active, re-read from the store; returns what it read. */
    public List<Rollout> refreshAll() {
        long since = generation.get();
        List<Rollout> all = store.active(null);
        Map<String, List<Rollout>> byNamespace = new HashMap<>();
        for (Rollout rollout : all) {
            byNamespace
                    .computeIfAbsent(rollout.namespace(), key -> new ArrayList<>())
                    .add(rollout);
        }
        for (String namespace : List.copyOf(entries.keySet())) {
            byNamespace.putIfAbsent(namespace, List.of());
        }
        byNamespace.forEach((namespace, read) -> merge(namespace, read, since));
        return all;
    }

    /** The namespace's active rollouts, re-read from the store. */
    public void refresh(String namespace) {
        long since = generation.get();
        merge(namespace, store.active(namespace), since);
    }

    /** A rollout this process just changed: known here at once. */
    void changed(Rollout rollout) {
        boolean notify;
        synchronized (this) {
            changedAt.put(rollout.id(), generation.incrementAndGet());
            latest.merge(rollout.id(), rollout, RolloutRegistry::newer);
            List<Rollout> next = new ArrayList<>();
            for (Rollout known : active(rollout.namespace())) {
                if (!known.id().equals(rollout.id())) {
                    next.add(known);
                }
            }
            next.add(latest.get(rollout.id()));
            notify = install(rollout.namespace(), next);
        }
        notifyIf(notify, rollout.namespace());
    }

    /** A rollout whose start failed: forgotten. */
    void forget(String namespace, String id) {
        boolean notify;
        synchronized (this) {
            changedAt.put(id, generation.incrementAndGet());
            latest.remove(id);
            List<Rollout> next = new ArrayList<>(active(namespace));
            next.removeIf(rollout -> rollout.id().equals(id));
            notify = install(namespace, next);
        }
        notifyIf(notify, namespace);
    }

    /**
     * Installs what a read of the store found, begun at generation {@code since}: a rollout this
     * process changed after the read began keeps its newer state, so a slow read never takes back
     * what this process already knows (a start, a stage, an abort).
     */
    private void merge(String namespace, List<Rollout> read, long since) {
        boolean notify;
        synchronized (this) {
            Map<String, Rollout> byId = new LinkedHashMap<>();
            for (Rollout rollout : read) {
                Rollout known = latest.merge(rollout.id(), rollout, RolloutRegistry::newer);
                byId.put(rollout.id(), known);
            }
            for (Rollout local : latest.values()) {
                if (local.namespace().equals(namespace)
                        && !byId.containsKey(local.id())
                        && changedAt.getOrDefault(local.id(), 0L) > since) {
                    byId.put(local.id(), local);
                }
            }
            latest.values()
                    .removeIf(rollout -> rollout.namespace().equals(namespace) && !byId.containsKey(rollout.id()));
            notify = install(namespace, new ArrayList<>(byId.values()));
        }
        notifyIf(notify, namespace);
    }

    private static Rollout newer(Rollout a, Rollout b) {
        return a.version() >= b.version() ? a : b;
    }

    /** Swaps the namespace's entry; true when its config rollout view changed. Holds the registry's lock. */
    private boolean install(String namespace, List<Rollout> all) {
        List<Rollout> rollouts =
                all.stream().filter(rollout -> rollout.state().active()).toList();
        Entry next = rollouts.isEmpty() ? Entry.NONE : new Entry(List.copyOf(rollouts), config(rollouts));
        Entry previous = next == Entry.NONE ? entries.remove(namespace) : entries.put(namespace, next);
        ActiveRollout before = previous == null ? null : previous.config;
        return !Objects.equals(before, next.config);
    }

    private void notifyIf(boolean changed, String namespace) {
        if (!changed) {
            return;
        }
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(namespace);
            } catch (RuntimeException e) {
                log.warn("Rollout listener failed for {}: {}", namespace, e.toString());
            }
        }
    }

    private static ActiveRollout config(List<Rollout> rollouts) {
        for (Rollout rollout : rollouts) {
            if (rollout.kind() != RolloutPlan.Kind.CONFIG || rollout.candidateRevision() == null) {
                continue;
            }
            List<RolloutPlan.Stage> stages = rollout.parsedPlan().stages();
            List<Cohort> cohorts = new ArrayList<>();
            for (int i = 0; i <= rollout.currentStage() && i < stages.size(); i++) {
                cohorts.add(stages.get(i).cohort());
            }
            return new ActiveRollout(rollout.id(), rollout.baseRevision(), rollout.candidateRevision(), cohorts);
        }
        return null;
    }

    // ---- the write lock ------------------------------------------------------------------------

    @Override
    public void check(Snapshot state, String action, List<Change> changes) {
        if (action.startsWith("rollout.")) {
            return;
        }
        String namespace = state.namespace();
        if (checkedAt.getOrDefault(namespace, -1) < state.revision()) {
            refresh(namespace);
            checkedAt.merge(namespace, state.revision(), Math::max);
        }
        for (Rollout rollout : active(namespace)) {
            if (rollout.kind() == RolloutPlan.Kind.CONFIG) {
                throw inProgress(rollout, "namespace '" + namespace + "' is held by config rollout " + rollout.id());
            }
            String flag = rollout.parsedPlan().flag().flag();
            for (Change change : changes) {
                if (flag.equals(change.accept(FlagKey.VISITOR))) {
                    throw inProgress(rollout, "flag '" + flag + "' is held by flag rollout " + rollout.id());
                }
            }
        }
    }

    /** A revision this process committed after checking: the namespace needs no re-check for it. */
    @Override
    public void committed(String namespace, int revision, String action) {
        if (!action.startsWith("rollout.") && checkedAt.getOrDefault(namespace, -1) == revision - 1) {
            checkedAt.put(namespace, revision);
        }
    }

    private static CascadeException inProgress(Rollout rollout, String message) {
        return new CascadeException(
                ApiErrorCode.ROLLOUT_IN_PROGRESS,
                message + " (" + rollout.state() + "); wait for it to complete or abort it",
                Map.of("rolloutId", rollout.id(), "namespace", rollout.namespace()));
    }

    /** The flag key a change writes, or null for any other kind of change. */
    private static final class FlagKey implements Change.Visitor<String> {
        static final FlagKey VISITOR = new FlagKey();

        @Override
        public String namespaceCreated(Change.NamespaceCreated change) {
            return null;
        }

        @Override
        public String layerPut(Change.LayerPut change) {
            return null;
        }

        @Override
        public String layerDeleted(Change.LayerDeleted change) {
            return null;
        }

        @Override
        public String schemaRegistered(Change.SchemaRegistered change) {
            return null;
        }

        @Override
        public String flagPut(Change.FlagPut change) {
            return change.key();
        }

        @Override
        public String flagDeleted(Change.FlagDeleted change) {
            return change.key();
        }

        @Override
        public String segmentPut(Change.SegmentPut change) {
            return null;
        }

        @Override
        public String segmentDeleted(Change.SegmentDeleted change) {
            return null;
        }

        @Override
        public String attributesDeclared(Change.AttributesDeclared change) {
            return null;
        }
    }
}
