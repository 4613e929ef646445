package io.cascade.gateway.standalone;

import io.cascade.evaluator.rollout.ActiveRollout;
import io.cascade.evaluator.rollout.Cohort;
import io.cascade.evaluator.snapshot.Revision;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.bus.RevisionBus;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.NamespaceRevision;
import io.cascade.gateway.spi.NamespaceStep;
import io.cascade.json.RevisionJson;
import io.cascade.json.SnapshotJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A standalone gateway's namespaces: a snapshot fetched from a server the first time a namespace is
 * asked for, then kept current by applying the revisions after it (the same engine code the server
 * runs), fetched when Redis announces one and when the periodic check finds one missed.
 *
 * <p>While a config rollout runs, hosts in its cohort are served the latest snapshot and all others
 * its base: the running rollouts are read from a server every second, and again along with a
 * revision a rollout committed, installed together with it (so a start is known as soon as its
 * candidate is held, and an abort's rollout goes only once its rollback is held).
 *
 * <p>NOTES. Everything that changes a held snapshot runs on one thread, so revisions are applied in
 * order and each is announced to listeners once; an announcement of a revision already held (a
 * duplicate, or one that arrives after a newer one) is ignored. While Redis is away the check runs
 * every second instead of every {@code interval}.
 */
final class RemoteGatewayState implements GatewayState, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RemoteGatewayState.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final ServerClient server;
    private final RevisionBus bus;
    private final JsonMapper json;
    private final SnapshotJson snapshots;
    private final Map<String, Snapshot> held = new ConcurrentHashMap<>();
    private final List<Consumer<NamespaceRevision>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> cohortListeners = new CopyOnWriteArrayList<>();
    /** The running config rollouts by namespace, and the base snapshot each serves outside its cohort. */
    private volatile Map<String, ActiveRollout> rollouts = Map.of();

    private final Map<String, Snapshot> bases = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread named = new Thread(runnable, "cascade-gateway-state");
        named.setDaemon(true);
        return named;
    });
    private final long intervalMillis;
    private volatile long lastCheck;

    RemoteGatewayState(ServerClient server, RevisionBus bus, JsonMapper json, Duration interval) {
        this.server = server;
        this.bus = bus;
        this.json = json;
        this.snapshots = new SnapshotJson(json);
        this.intervalMillis = interval.toMillis();
        bus.subscribe(announcement -> thread.execute(() -> catchUp(announcement.namespace(), announcement.revision())));
        bus.onReconnect(() -> thread.execute(this::check));
        thread.scheduleWithFixedDelay(this::maybeCheck, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public Optional<Snapshot> latest(String namespace) {
        Snapshot snapshot = held.get(namespace);
        if (snapshot != null) {
            return Optional.of(snapshot);
        }
        try {
            return Optional.ofNullable(thread.submit(() -> load(namespace)).get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            log.warn("Could not load namespace {} from a server: {}", namespace, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void onRevision(Consumer<NamespaceRevision> listener) {
        listeners.add(listener);
    }

    @Override
    public String cohortOf(String namespace, String hostId, Map<String, String> scope) {
        ActiveRollout rollout = rollouts.get(namespace);
        Snapshot latest = held.get(namespace);
        if (rollout == null || latest == null) {
            return "";
        }
        return rollout.servesCandidate(hostId, scope, latest) ? rollout.candidateCohort() : "";
    }

    @Override
    public boolean rolloutRunning(String namespace) {
        return rollouts.containsKey(namespace);
    }

    @Override
    public Optional<Snapshot> snapshotFor(String namespace, String cohort) {
        ActiveRollout rollout = rollouts.get(namespace);
        if (!cohort.isEmpty() || rollout == null) {
            return latest(namespace);
        }
        Snapshot base = bases.get(namespace);
        return base != null && base.revision() == rollout.baseRevision() ? Optional.of(base) : latest(namespace);
    }

    @Override
    public void onCohortsChanged(Consumer<String> listener) {
        cohortListeners.add(listener);
    }

    /**
     * On the state thread: the servers' running config rollouts, each base snapshot fetched before
     * the rollout is installed (so no host outside a cohort is ever served the candidate for want of
     * it); listeners hear of each namespace whose rollout changed.
     */
    private void refreshRollouts() {
        Map<String, ActiveRollout> next = fetchRollouts();
        if (next == null) {
            return;
        }
        rollouts.forEach((namespace, previous) -> {
            if (!next.containsKey(namespace) && untilRollbackHeld(namespace, previous)) {
                next.put(namespace, previous);
            }
        });
        installRollouts(next);
    }

    /**
     * Whether a rollout the servers no longer list must still be served: an aborted one whose
     * rollback revision this gateway does not hold yet. Dropping it earlier would serve the
     * candidate, then still the latest revision, to every host outside its cohort until the rollback
     * arrives. A completed one goes at once.
     */
    private boolean untilRollbackHeld(String namespace, ActiveRollout previous) {
        Snapshot latest = held.get(namespace);
        if (latest == null || latest.revision() > previous.candidateRevision()) {
            return false;
        }
        try {
            JsonNode rollout = server.data(
                            "query($n: String!, $id: ID!) { rollout(namespace: $n, id: $id) { state rollbackRevision } }",
                            Map.of("n", namespace, "id", previous.id()))
                    .get("rollout");
            if ("COMPLETED".equals(rollout.path("state").asString(""))) {
                return false;
            }
            JsonNode rollback = rollout.path("rollbackRevision");
            return !rollback.isNumber() || rollback.asInt() > latest.revision();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The servers' running config rollouts, with their bases fetched; null when the servers do not answer. */
    @SuppressWarnings("unchecked")
    private Map<String, ActiveRollout> fetchRollouts() {
        JsonNode data;
        try {
            data = server.data("{ gatewayRollouts }", Map.of());
        } catch (RuntimeException e) {
            log.warn("Could not read the servers' rollouts: {}", e.toString());
            return null;
        }
        Map<String, ActiveRollout> next = new java.util.HashMap<>();
        for (JsonNode item : data.get("gatewayRollouts")) {
            Map<String, Object> rollout = json.readValue(item.toString(), OBJECT);
            String namespace = (String) rollout.get("namespace");
            if (!held.containsKey(namespace)) {
                continue;
            }
            List<Cohort> cohorts = new ArrayList<>();
            for (Object cohort : (List<Object>) rollout.get("cohorts")) {
                cohorts.add(Cohort.fromHosts((Map<String, Object>) cohort));
            }
            ActiveRollout active = new ActiveRollout(
                    (String) rollout.get("id"),
                    ((Number) rollout.get("baseRevision")).intValue(),
                    ((Number) rollout.get("candidateRevision")).intValue(),
                    cohorts);
            Snapshot base = bases.get(namespace);
            if (base == null || base.revision() != active.baseRevision()) {
                try {
                    JsonNode snapshot = server.data(
                            "query($n: String!, $r: Int) { gatewaySnapshot(namespace: $n, revision: $r) }",
                            Map.of("n", namespace, "r", active.baseRevision()));
                    bases.put(
                            namespace,
                            snapshots.read(snapshot.get("gatewaySnapshot").asString()));
                } catch (RuntimeException e) {
                    log.warn("Could not read the base of the rollout of {}: {}", namespace, e.toString());
                    continue;
                }
            }
            next.put(namespace, active);
        }
        return next;
    }

    /** Swaps in {@code next}; listeners hear of each namespace whose rollout changed. */
    private void installRollouts(Map<String, ActiveRollout> next) {
        Map<String, ActiveRollout> previous = rollouts;
        rollouts = Map.copyOf(next);
        java.util.Set<String> changed = new java.util.HashSet<>(previous.keySet());
        changed.addAll(next.keySet());
        changed.removeIf(namespace -> java.util.Objects.equals(previous.get(namespace), next.get(namespace)));
        bases.keySet().retainAll(next.keySet());
        for (String namespace : changed) {
            cohortListeners.forEach(listener -> listener.accept(namespace));
        }
    }

    /** On the state thread: the namespace's snapshot, fetched once. */
    private Snapshot load(String namespace) {
        Snapshot snapshot = held.get(namespace);
        if (snapshot != null) {
            return snapshot;
        }
        JsonNode data;
        try {
            data = server.data("query($n: String!) { gatewaySnapshot(namespace: $n) }", Map.of("n", namespace));
        } catch (IllegalStateException refused) {
            return null;
        }
        snapshot = snapshots.read(data.get("gatewaySnapshot").asString());
        held.put(namespace, snapshot);
        return snapshot;
    }

    private void maybeCheck() {
        if (!held.isEmpty()) {
            refreshRollouts();
        }
        long now = System.currentTimeMillis();
        if (!bus.connected() || now - lastCheck >= intervalMillis) {
            check();
        }
    }

    /** Every held namespace compared with the servers' heads. */
    private void check() {
        lastCheck = System.currentTimeMillis();
        if (held.isEmpty()) {
            return;
        }
        try {
            Map<String, Object> heads = json.readValue(
                    server.data("{ gatewayHeads }", Map.of())
                            .get("gatewayHeads")
                            .toString(),
                    OBJECT);
            heads.forEach((namespace, revision) -> {
                if (revision instanceof Number number) {
                    catchUp(namespace, number.intValue());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not check the servers for missed revisions: {}", e.toString());
        }
    }

    /** On the state thread: applies every revision up to {@code revision} that is not held yet. */
    @SuppressWarnings("unchecked")
    private void catchUp(String namespace, int revision) {
        Snapshot snapshot = held.get(namespace);
        while (snapshot != null && snapshot.revision() < revision) {
            JsonNode data;
            try {
                data = server.data(
                        "query($n: String!, $a: Int!) { gatewayRevisions(namespace: $n, after: $a) }",
                        Map.of("n", namespace, "a", snapshot.revision()));
            } catch (RuntimeException e) {
                log.warn("Could not read revisions of {} after {}: {}", namespace, snapshot.revision(), e.toString());
                return;
            }
            List<Map<String, Object>> newer = new ArrayList<>();
            for (JsonNode item : data.get("gatewayRevisions")) {
                newer.add(json.readValue(item.toString(), OBJECT));
            }
            if (newer.isEmpty()) {
                return;
            }
            for (Map<String, Object> item : newer) {
                Map<String, ActiveRollout> rolloutsAfter =
                        String.valueOf(item.get("action")).startsWith("rollout.") ? fetchRollouts() : null;
                Revision next = RevisionJson.read(item);
                snapshot = snapshot.apply(next);
                held.put(namespace, snapshot);
                if (rolloutsAfter != null) {
                    installRollouts(rolloutsAfter);
                }
                NamespaceRevision event = new NamespaceRevision(
                        snapshot,
                        (String) item.get("action"),
                        next.author(),
                        (String) item.get("message"),
                        next.committedAt(),
                        next.changes());
                listeners.forEach(listener -> listener.accept(event));
            }
        }
    }

    /** From the server's audit trail (the hub polls it every second: no announcements of steps cross processes). */
    @Override
    public List<NamespaceStep> stepsAfter(String namespace, int afterSequence, int limit) {
        List<NamespaceStep> steps = new ArrayList<>();
        for (Map<String, Object> item : auditSteps(namespace, afterSequence)) {
            if (steps.size() >= limit) {
                break;
            }
            steps.add(step(namespace, item));
        }
        return steps;
    }

    @Override
    public int lastStepSequence(String namespace) {
        List<Map<String, Object>> newest = auditSteps(namespace, -1);
        return newest.isEmpty() ? 0 : ((Number) newest.get(0).get("sequence")).intValue();
    }

    private List<Map<String, Object>> auditSteps(String namespace, int after) {
        JsonNode data = server.data(
                "query($n: String!, $a: Int!) { gatewayAuditSteps(namespace: $n, after: $a) }",
                Map.of("n", namespace, "a", after));
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : data.get("gatewayAuditSteps")) {
            items.add(json.readValue(item.toString(), OBJECT));
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private static NamespaceStep step(String namespace, Map<String, Object> item) {
        Object revision = item.get("revision");
        Object target = item.get("target");
        Object state = item.get("state");
        return new NamespaceStep(
                namespace,
                ((Number) item.get("sequence")).intValue(),
                (String) item.get("action"),
                (String) item.get("actor"),
                Instant.parse((String) item.get("at")),
                revision instanceof Number number ? number.intValue() : null,
                target instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
                state == null ? null : state.toString(),
                (String) item.get("message"));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
