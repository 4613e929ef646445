package io.cascade.server.rollout;

import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.rollout.Cohort;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import io.cascade.server.change.ChangeRequests;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Commit;
import io.cascade.server.namespace.DocumentProblems;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.NamespaceWriter;
import io.cascade.server.store.HostStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting rollouts and every move they make: advance, pause, resume, complete, abort. Each move
 * is a compare-and-set on the rollout's version; one that commits a revision (a start, a flag
 * ramp's stage, an abort's rollback) goes through the namespace write path like any write.
 *
 * <p>NOTES. An abort is three steps, each safe to repeat after a crash: mark the rollout {@code
 * aborting} with its reason; commit the rollback revision (skipped when, under the namespace's
 * lock, the namespace is already back at its base after the candidate: a repeat after a crash, or an
 * operator and the orchestrator finishing the same abort at once, committed it); mark it ABORTED.
 * The orchestrator finishes an abort it finds marked.
 */
public final class RolloutService {

    private static final Logger log = LoggerFactory.getLogger(RolloutService.class);
    private static final int MAX_ATTEMPTS = 10;

    private final NamespaceWriter writer;
    private final NamespaceSnapshots snapshots;
    private final RolloutStore store;
    private final HealthStore health;
    private final HostStore hosts;
    private final RolloutRegistry registry;
    private final AuditTrail audit;
    private final RolloutMetrics metrics;
    private final Clock clock;
    private final Duration hostTimeout;
    private final ChangeRequests changeRequests;

    RolloutService(
            NamespaceWriter writer,
            NamespaceSnapshots snapshots,
            RolloutStore store,
            HealthStore health,
            HostStore hosts,
            RolloutRegistry registry,
            AuditTrail audit,
            RolloutMetrics metrics,
            Clock clock,
            Duration hostTimeout,
            ChangeRequests changeRequests) {
        this.writer = writer;
        this.snapshots = snapshots;
        this.store = store;
        this.health = health;
        this.hosts = hosts;
        this.registry = registry;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.hostTimeout = hostTimeout;
        this.changeRequests = changeRequests;
    }

    // ---- start -----------------------------------------------------------------------------------

    /**
     * Starts a rollout from the API: a config rollout of inline {@code changes}, or a flag ramp
     * (its plan names the flag; no changes), or of an approved change request's changes
     * ({@code changeRequestId}: refused as {@code applyChange} would refuse it; marked applied with
     * the candidate revision).
     */
    public Rollout start(
            String namespace,
            Object planJson,
            Object changesJson,
            String changeRequestId,
            Actor actor,
            String message) {
        RolloutPlan plan = PlanParser.parse(planJson);
        Map<String, Object> planCopy = copy(planJson);
        if (plan.kind() == RolloutPlan.Kind.FLAG) {
            if (changesJson != null) {
                throw CascadeException.badInput("a flag rollout takes no changes: the plan says what it ramps");
            }
            return startFlag(namespace, planCopy, plan, actor, message);
        }
        if (changeRequestId != null) {
            if (changesJson != null) {
                throw CascadeException.badInput("pass changes or a changeRequestId, not both");
            }
            Rollout started = startConfig(
                    namespace,
                    planCopy,
                    plan,
                    state -> changeRequests.approvedChanges(namespace, changeRequestId, state, actor),
                    false,
                    actor,
                    message);
            changeRequests.markApplied(namespace, changeRequestId, started.candidateRevision(), actor);
            return started;
        }
        if (changesJson == null) {
            throw CascadeException.badInput("a config rollout needs changes (or a changeRequestId)");
        }
        return startConfig(
                namespace, planCopy, plan, state -> writer.planChanges(state, changesJson), true, actor, message);
    }

    /**
     * Starts a config rollout of {@code changes}, already parsed (an approved change request's, say):
     * they are validated again against the namespace as it is, under its lock, and committed as the
     * candidate revision.
     */
    public Rollout startConfig(String namespace, Object planJson, List<Change> changes, Actor actor, String message) {
        RolloutPlan plan = PlanParser.parse(planJson);
        if (plan.kind() != RolloutPlan.Kind.CONFIG) {
            throw CascadeException.badInput("this plan is a flag ramp, not a config rollout");
        }
        return startConfig(
                namespace,
                copy(planJson),
                plan,
                state -> {
                    writer.validate(state, changes);
                    return changes;
                },
                true,
                actor,
                message);
    }

    private Rollout startConfig(
            String namespace,
            Map<String, Object> planJson,
            RolloutPlan plan,
            Function<Snapshot, List<Change>> changesOf,
            boolean guarded,
            Actor actor,
            String message) {
        return start(namespace, planJson, plan, guarded, actor, message, state -> {
            List<Change> changes = changesOf.apply(state);
            checkSegments(state, plan);
            return new Start(changes, null);
        });
    }

    private Rollout startFlag(
            String namespace, Map<String, Object> planJson, RolloutPlan plan, Actor actor, String message) {
        RolloutPlan.FlagRamp ramp = plan.flag();
        return start(namespace, planJson, plan, true, actor, message, state -> {
            Documents.Entry flag = state.flags().get(ramp.flag());
            if (flag == null) {
                throw CascadeException.notFound("namespace '" + namespace + "' has no flag '" + ramp.flag() + "'");
            }
            Map<String, Object> ramped =
                    FlagRamps.ramped(flag.document(), ramp, plan.stages().get(0).percent());
            checkFlag(state, ramp.flag(), ramped);
            return new Start(List.of(new Change.FlagPut(ramp.flag(), ramped)), flag.document());
        });
    }

    /** What a rollout commits as its candidate revision, and the flag document a ramp starts from (null: config). */
    private record Start(List<Change> changes, Map<String, Object> flagBefore) {}

    /**
     * Commits a rollout's candidate revision, {@code prepare}d against the latest state under the
     * namespace's lock, with the rollout stored beside it; a commit that fails leaves no rollout.
     * Unless {@code guarded}, protected environments are not checked (an approved change request's
     * changes, which {@code prepare} checked).
     */
    private Rollout start(
            String namespace,
            Map<String, Object> planJson,
            RolloutPlan plan,
            boolean guarded,
            Actor actor,
            String message,
            Function<Snapshot, Start> prepare) {
        String id = newId();
        Rollout[] started = new Rollout[1];
        NamespaceWriter.Planner planner = state -> {
            refuseIfHeld(state.namespace(), plan, id);
            Start start = prepare.apply(state);
            Instant now = clock.instant();
            Rollout rollout = new Rollout(
                    id,
                    namespace,
                    plan.kind(),
                    RolloutState.RUNNING,
                    planJson,
                    state.revision(),
                    state.revision() + 1,
                    0,
                    now,
                    null,
                    false,
                    null,
                    null,
                    now,
                    null,
                    actor.name(),
                    message,
                    start.flagBefore(),
                    List.of(),
                    1);
            store.put(rollout);
            registry.changed(rollout);
            started[0] = rollout;
            return start.changes();
        };
        String startMessage = startMessage(id, message);
        try {
            if (guarded) {
                writer.commit(namespace, null, actor, "rollout.start", startMessage, planner);
            } else {
                writer.commitApproved(namespace, null, actor, "rollout.start", startMessage, planner);
            }
        } catch (RuntimeException e) {
            undoStart(namespace, id, started[0]);
            throw e;
        }
        metrics.started(started[0]);
        return started[0];
    }

    private void undoStart(String namespace, String id, Rollout started) {
        if (started == null) {
            return;
        }
        try {
            store.delete(id);
        } finally {
            registry.forget(namespace, id);
        }
    }

    private static String startMessage(String id, String message) {
        return "rollout " + id + (message == null ? "" : ": " + message);
    }

    /** Refuses a second config rollout, or any rollout beside a config one, or a second ramp of one flag. */
    private void refuseIfHeld(String namespace, RolloutPlan plan, String starting) {
        registry.refresh(namespace);
        for (Rollout active : registry.active(namespace)) {
            if (active.id().equals(starting)) {
                continue;
            }
            boolean sameFlag = plan.kind() == RolloutPlan.Kind.FLAG
                    && active.kind() == RolloutPlan.Kind.FLAG
                    && active.parsedPlan().flag().flag().equals(plan.flag().flag());
            if (plan.kind() == RolloutPlan.Kind.CONFIG || active.kind() == RolloutPlan.Kind.CONFIG || sameFlag) {
                throw new CascadeException(
                        ApiErrorCode.ROLLOUT_IN_PROGRESS,
                        "rollout " + active.id() + " (" + active.state() + ") already holds "
                                + (sameFlag ? "flag '" + plan.flag().flag() + "'" : "namespace '" + namespace + "'"),
                        Map.of("rolloutId", active.id(), "namespace", namespace));
            }
        }
    }

    private static void checkSegments(Snapshot state, RolloutPlan plan) {
        for (RolloutPlan.Stage stage : plan.stages()) {
            if (stage.cohort() instanceof Cohort.InSegment segment
                    && !state.segments().contains(segment.segment())) {
                throw CascadeException.badInput("stage '" + stage.name() + "' names segment '" + segment.segment()
                        + "', which namespace '" + state.namespace() + "' does not have");
            }
        }
    }

    private static void checkFlag(Snapshot state, String key, Map<String, Object> flag) {
        DocumentProblems.refuseIfAny(
                "flag '" + key + "' ramped",
                FlagSet.compile(
                                state.flags().documentsWith(key, flag),
                                state.segments().documents(),
                                state.attributeSchema())
                        .flagProblems(state.flags().indexOf(key)));
    }

    // ---- reading ---------------------------------------------------------------------------------

    public Rollout get(String namespace, String id) {
        return store.find(namespace, id)
                .orElseThrow(
                        () -> CascadeException.notFound("namespace '" + namespace + "' has no rollout '" + id + "'"));
    }

    public List<Rollout> list(String namespace, RolloutState state) {
        return store.list(namespace, state);
    }

    /** Per stage: its name and host counts (finished stages as they ended, the current one now, later ones 0). */
    public List<StageView> stages(Rollout rollout) {
        List<RolloutPlan.Stage> stages = rollout.parsedPlan().stages();
        Progress now = rollout.state().active() ? progress(rollout) : null;
        List<StageView> out = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Rollout.StageCounts counts;
            if (i < rollout.stageResults().size()) {
                counts = rollout.stageResults().get(i);
            } else if (i == rollout.currentStage() && now != null) {
                counts = now.counts();
            } else {
                counts = new Rollout.StageCounts(0, 0, 0);
            }
            RolloutPlan.Stage stage = stages.get(i);
            out.add(new StageView(
                    stage.name(), counts.targeted(), counts.applied(), counts.healthy(), stage.bakeSeconds()));
        }
        return out;
    }

    /** The process driving the rollout now ({@code host:pid:random}), if a lease is held. */
    public Optional<String> orchestrator(Rollout rollout) {
        return store.leaseHolder(rollout.id(), clock.instant());
    }

    /** A stage as the API shows it. */
    public record StageView(String name, int targeted, int applied, int healthy, long bakeSeconds) {}

    // ---- health ----------------------------------------------------------------------------------

    /** The environment the registry knows {@code hostId} by, if it knows the host. */
    public Optional<String> hostEnvironment(String namespace, String hostId) {
        return hosts.find(namespace, hostId).map(host -> host.scope().get("environment"));
    }

    /** A host's health since its previous report, on {@code revision}. */
    public void reportHealth(
            String namespace, String hostId, int revision, long requests, long errors, Double latency) {
        health.add(namespace, new HealthStore.Report(hostId, revision, requests, errors, latency, clock.instant()));
    }

    /** One cohort's reports in one time window. */
    public record HealthPoint(
            Instant at, String cohort, int hosts, long requests, long errors, Double errorRate, Double latencyP99Ms) {}

    /**
     * What hosts reported since the rollout started, summed per window of {@code bucket} (widened
     * so that there are at most {@code maxPoints} windows), oldest first: reports on the candidate
     * ({@code CANDIDATE}; a flag ramp's later stages count too) and on the base ({@code BASE}).
     */
    public List<HealthPoint> health(Rollout rollout, Duration bucket, int maxPoints) {
        Instant start = rollout.createdAt();
        Instant end = rollout.finishedAt() != null ? rollout.finishedAt() : clock.instant();
        long span = Math.max(1, Duration.between(start, end).toMillis());
        long width = Math.max(bucket.toMillis(), (span + maxPoints - 1) / maxPoints);
        int candidate = rollout.candidateRevision() == null ? Integer.MAX_VALUE : rollout.candidateRevision();
        Integer base = rollout.baseRevision();
        // Keyed by the window's index (zero-padded, so the map iterates oldest first) and the cohort.
        Map<String, Window> windows = new TreeMap<>();
        for (HealthStore.Report report : health.since(rollout.namespace(), start)) {
            if (report.at().isAfter(end)) {
                continue;
            }
            boolean onCandidate = rollout.kind() == RolloutPlan.Kind.FLAG
                    ? report.revision() >= candidate
                    : report.revision() == candidate;
            boolean onBase = rollout.kind() == RolloutPlan.Kind.CONFIG && base != null && report.revision() == base;
            if (!onCandidate && !onBase) {
                continue;
            }
            long index = Duration.between(start, report.at()).toMillis() / width;
            String cohort = onCandidate ? "CANDIDATE" : "BASE";
            windows.computeIfAbsent(String.format("%012d %s", index, cohort), key -> new Window(index, cohort))
                    .add(report);
        }
        List<HealthPoint> out = new ArrayList<>();
        for (Window window : windows.values()) {
            out.add(new HealthPoint(
                    start.plusMillis(window.index * width),
                    window.cohort,
                    window.hosts.size(),
                    window.requests,
                    window.errors,
                    window.requests == 0 ? null : (double) window.errors / window.requests,
                    window.latencyP99Ms));
        }
        return out;
    }

    /** The sums of one cohort's reports in one time window. */
    private static final class Window {
        final long index;
        final String cohort;
        final Set<String> hosts = new HashSet<>();
        long requests;
        long errors;
        Double latencyP99Ms;

        Window(long index, String cohort) {
            this.index = index;
            this.cohort = cohort;
        }

        void add(HealthStore.Report report) {
            hosts.add(report.hostId());
            requests += report.requests();
            errors += report.errors();
            if (report.latencyP99Ms() != null) {
                latencyP99Ms =
                        latencyP99Ms == null ? report.latencyP99Ms() : Math.max(latencyP99Ms, report.latencyP99Ms());
            }
        }
    }

    /** What the current stage has: its hosts' counts, and its gates' verdict. */
    record Progress(Rollout.StageCounts counts, Gates.Verdict verdict) {}

    Progress progress(Rollout rollout) {
        RolloutPlan plan = rollout.parsedPlan();
        RolloutPlan.Stage stage = plan.stages().get(rollout.currentStage());
        Snapshot candidate = snapshots.head(rollout.namespace());
        Instant now = clock.instant();
        Instant aliveSince = now.minus(hostTimeout);
        int candidateRevision = rollout.candidateRevision() == null ? Integer.MAX_VALUE : rollout.candidateRevision();
        Set<String> cohort = new HashSet<>();
        int targeted = 0;
        int applied = 0;
        List<String> appliedHosts = new ArrayList<>();
        for (HostStore.Host host : hosts.list(rollout.namespace())) {
            if (!inCohort(rollout, plan, host, candidate)) {
                continue;
            }
            cohort.add(host.hostId());
            boolean alive =
                    (host.connectedUntil() != null && host.connectedUntil().isAfter(now))
                            || host.lastSeenAt().isAfter(aliveSince);
            if (!alive) {
                continue;
            }
            targeted++;
            if (host.appliedRevision() != null && host.appliedRevision() >= candidateRevision) {
                applied++;
                appliedHosts.add(host.hostId());
            }
        }
        Gates.Sums cohortSums = new Gates.Sums();
        Gates.Sums baseSums = new Gates.Sums();
        Map<String, Gates.Sums> perHost = new LinkedHashMap<>();
        Instant since = rollout.stageStartedAt() == null ? now : rollout.stageStartedAt();
        for (HealthStore.Report report : health.since(rollout.namespace(), since)) {
            boolean onCandidate = rollout.kind() == RolloutPlan.Kind.FLAG
                    ? report.revision() >= candidateRevision
                    : report.revision() == candidateRevision;
            if (cohort.contains(report.hostId()) && onCandidate) {
                cohortSums.add(report);
                perHost.computeIfAbsent(report.hostId(), key -> new Gates.Sums())
                        .add(report);
            } else if (!cohort.contains(report.hostId()) && report.revision() == rollout.baseRevision()) {
                baseSums.add(report);
            }
        }
        int healthy = 0;
        for (String hostId : appliedHosts) {
            Gates.Sums own = perHost.get(hostId);
            if (own == null || withinMaxima(plan.gates(), own)) {
                healthy++;
            }
        }
        return new Progress(
                new Rollout.StageCounts(targeted, applied, healthy),
                Gates.evaluate(plan.gates(), cohortSums, baseSums, stage.name()));
    }

    private static boolean withinMaxima(List<RolloutPlan.Gate> gates, Gates.Sums sums) {
        for (RolloutPlan.Gate gate : gates) {
            Double value = sums.value(gate.metric());
            if (gate.max() != null && value != null && value > gate.max()) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCohort(Rollout rollout, RolloutPlan plan, HostStore.Host host, Snapshot candidate) {
        if (rollout.kind() == RolloutPlan.Kind.FLAG) {
            return plan.flag().environment().equals(host.scope().get("environment"));
        }
        for (int i = 0; i <= rollout.currentStage() && i < plan.stages().size(); i++) {
            if (plan.stages().get(i).cohort().contains(rollout.id(), host.hostId(), host.scope(), candidate)) {
                return true;
            }
        }
        return false;
    }

    // ---- moves -----------------------------------------------------------------------------------

    /** The operator's advance: the next stage now, whatever the bake time, acknowledgements or gates say. */
    public Rollout advance(String namespace, String id, Actor actor) {
        return retry(namespace, id, rollout -> {
            requireState(rollout, RolloutState.RUNNING, RolloutState.PAUSED);
            return advance(rollout, progress(rollout).counts(), null, actor);
        });
    }

    public Rollout pause(String namespace, String id, Actor actor) {
        return retry(namespace, id, rollout -> {
            requireState(rollout, RolloutState.RUNNING);
            Rollout.Builder next = rollout.toBuilder();
            next.state = RolloutState.PAUSED;
            next.pausedAt = clock.instant();
            return save(next.build(), null, actor, "rollout.pause", null);
        });
    }

    public Rollout resume(String namespace, String id, Actor actor) {
        return retry(namespace, id, rollout -> {
            requireState(rollout, RolloutState.PAUSED);
            Instant now = clock.instant();
            Rollout.Builder next = rollout.toBuilder();
            next.state = RolloutState.RUNNING;
            if (rollout.pausedAt() != null && rollout.stageStartedAt() != null) {
                next.stageStartedAt = rollout.stageStartedAt().plus(Duration.between(rollout.pausedAt(), now));
            }
            next.pausedAt = null;
            return save(next.build(), null, actor, "rollout.resume", null);
        });
    }

    /** The operator's abort: the rollback revision is committed before this returns. */
    public Rollout abort(String namespace, String id, String reason, Actor actor) {
        if (reason == null
                || reason.isBlank()
                || reason.length() > 1000
                || !io.cascade.server.namespace.Names.isPrintable(reason, true)) {
            throw CascadeException.badInput("reason must be 1 to 1000 printable characters");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Rollout rollout = get(namespace, id);
            if (attempt > 0 && rollout.state() == RolloutState.ABORTED) {
                return rollout;
            }
            if (rollout.state() == RolloutState.ABORTED || (!rollout.state().active() && !rollout.aborting())) {
                throw CascadeException.conflict(
                        "rollout " + id + " is " + rollout.state()
                                + ": only a running or paused rollout can be aborted",
                        Map.of("rolloutId", id, "state", rollout.state().name()));
            }
            // An abort already under way (another operator's, an alert's) is finished here, not raced.
            Rollout aborted = rollout.aborting()
                    ? finishAbort(rollout, null, actor)
                    : abort(rollout, reason, "operator", null, actor);
            if (aborted != null) {
                return aborted;
            }
        }
        throw CascadeException.conflict("rollout " + id + " is changing too fast; try again", Map.of("rolloutId", id));
    }

    /**
     * Aborts {@code rollout} (or a completed one, within its rollback window) with {@code reason}:
     * marks it, commits the rollback, marks it ABORTED. Null when another writer changed it first
     * (which then aborted or finished it).
     */
    Rollout abort(Rollout rollout, String reason, String cause, String leaseOwner, Actor actor) {
        Rollout marked = rollout;
        if (!rollout.aborting()) {
            Rollout.Builder next = rollout.toBuilder();
            next.aborting = true;
            next.abortReason = reason;
            marked = next.build();
            if (!store.update(marked, leaseOwner, clock.instant())) {
                return null;
            }
            metrics.aborted(marked, cause);
        }
        return finishAbort(marked, leaseOwner, actor);
    }

    /** Steps two and three of an abort (see the class notes). */
    Rollout finishAbort(Rollout rollout, String leaseOwner, Actor actor) {
        int rollback = commitRollback(rollout, actor);
        Rollout.Builder next = rollout.toBuilder();
        next.state = RolloutState.ABORTED;
        next.rollbackRevision = rollback;
        next.finishedAt = clock.instant();
        next.pausedAt = null;
        if (rollout.state().active() && next.stageResults.size() <= rollout.currentStage()) {
            List<Rollout.StageCounts> results = new ArrayList<>(rollout.stageResults());
            results.add(progress(rollout).counts());
            next.stageResults = results;
        }
        Rollout aborted = next.build();
        if (!store.update(aborted, leaseOwner, clock.instant())) {
            return null;
        }
        registry.changed(aborted);
        metrics.finished(aborted);
        return aborted;
    }

    private int commitRollback(Rollout rollout, Actor actor) {
        if (rollout.rollbackRevision() != null) {
            return rollout.rollbackRevision();
        }
        String message = "rollout " + rollout.id() + " aborted: " + rollout.abortReason();
        try {
            Commit commit =
                    writer.commit(rollout.namespace(), null, actor, "rollout.abort", truncate(message), state -> {
                        List<Change> changes = rollbackChanges(rollout, state);
                        if (changes.isEmpty()
                                && rollout.candidateRevision() != null
                                && state.revision() > rollout.candidateRevision()) {
                            throw new RolledBack(state.revision());
                        }
                        return changes;
                    });
            return commit.revision();
        } catch (RolledBack done) {
            return done.revision;
        }
    }

    /**
     * What brings the namespace back to the rollout's base: empty when it is there already. For a flag
     * ramp, the flag as it was before (nothing if it is so already, or if it did not exist then).
     */
    private List<Change> rollbackChanges(Rollout rollout, Snapshot state) {
        if (rollout.kind() == RolloutPlan.Kind.FLAG) {
            String key = rollout.parsedPlan().flag().flag();
            Documents.Entry now = state.flags().get(key);
            if (rollout.flagBefore() == null || (now != null && now.document().equals(rollout.flagBefore()))) {
                return List.of();
            }
            return List.of(new Change.FlagPut(key, rollout.flagBefore()));
        }
        return NamespaceWriter.restoreChanges(state, snapshots.at(rollout.namespace(), rollout.baseRevision()));
    }

    /**
     * Under the namespace's lock, a rollback found the namespace already back at the base after the
     * candidate: another process (or the orchestrator beside an operator) committed it first.
     */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int revision;

        RolledBack(int revision) {
            super("rolled back", null, false, false);
            this.revision = revision;
        }
    }

    /**
     * The next stage, or COMPLETED after the last; {@code counts} are what the stage ends with. A
     * flag ramp commits the next stage's percentage. Null when another writer changed it first.
     */
    Rollout advance(Rollout rollout, Rollout.StageCounts counts, String leaseOwner, Actor actor) {
        RolloutPlan plan = rollout.parsedPlan();
        Rollout.Builder next = rollout.toBuilder();
        List<Rollout.StageCounts> results = new ArrayList<>(rollout.stageResults());
        results.add(counts);
        next.stageResults = results;
        Instant now = clock.instant();
        if (rollout.currentStage() + 1 >= plan.stages().size()) {
            next.state = RolloutState.COMPLETED;
            next.finishedAt = now;
            next.pausedAt = null;
            Rollout completed = save(next.build(), leaseOwner, actor, "rollout.complete", null);
            if (completed != null) {
                metrics.finished(completed);
            }
            return completed;
        }
        next.currentStage = rollout.currentStage() + 1;
        next.stageStartedAt = now;
        if (rollout.state() == RolloutState.PAUSED) {
            next.pausedAt = now;
        }
        Rollout advanced = save(
                next.build(),
                leaseOwner,
                actor,
                "rollout.advance",
                plan.stages().get(next.currentStage).name());
        if (advanced != null && advanced.kind() == RolloutPlan.Kind.FLAG) {
            return commitFlagStage(advanced, leaseOwner, actor);
        }
        return advanced;
    }

    /**
     * A flag ramp's flag as its current stage says, committed if it is not so already (after an
     * advance, or when a crash came between the advance and its commit).
     */
    Rollout commitFlagStage(Rollout rollout, String leaseOwner, Actor actor) {
        RolloutPlan plan = rollout.parsedPlan();
        RolloutPlan.FlagRamp ramp = plan.flag();
        Map<String, Object> wanted = FlagRamps.ramped(
                rollout.flagBefore(),
                ramp,
                plan.stages().get(rollout.currentStage()).percent());
        Snapshot head = snapshots.head(rollout.namespace());
        Documents.Entry current = head.flags().get(ramp.flag());
        if (current != null && current.document().equals(wanted)) {
            return rollout;
        }
        Commit commit;
        try {
            commit = writer.commit(
                    rollout.namespace(),
                    null,
                    actor,
                    "rollout.advance",
                    "rollout " + rollout.id() + ": stage '"
                            + plan.stages().get(rollout.currentStage()).name() + "'",
                    state -> {
                        requireUnchanged(rollout);
                        return List.of(new Change.FlagPut(ramp.flag(), wanted));
                    });
        } catch (Superseded superseded) {
            return null;
        }
        Rollout.Builder next = rollout.toBuilder();
        next.candidateRevision = commit.revision();
        Rollout updated = next.build();
        return store.update(updated, leaseOwner, clock.instant()) ? remember(updated) : null;
    }

    /**
     * Under the namespace's lock, before a revision a rollout's move commits: the rollout must still be
     * as this move read it, so a move decided on a stale copy (an abort came meanwhile) commits nothing.
     */
    private void requireUnchanged(Rollout rollout) {
        Rollout stored = store.find(rollout.namespace(), rollout.id()).orElse(null);
        if (stored == null || stored.version() != rollout.version() || stored.aborting()) {
            throw new Superseded();
        }
    }

    /** A move found its rollout changed by another writer; nothing was committed. */
    private static final class Superseded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Superseded() {
            super("superseded", null, false, false);
        }
    }

    /** Stores a move and audits it; null when another writer changed the rollout first. */
    private Rollout save(Rollout next, String leaseOwner, Actor actor, String action, String detail) {
        if (!store.update(next, leaseOwner, clock.instant())) {
            return null;
        }
        remember(next);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("rollout", next.id());
        target.put("stage", next.currentStage());
        if (detail != null) {
            target.put("stageName", detail);
        }
        try {
            audit.append(
                    next.namespace(),
                    actor,
                    new AuditTrail.Event(
                            action, null, target, null, next.state().name(), null));
        } catch (RuntimeException e) {
            log.warn("Could not audit {} of rollout {}: {}", action, next.id(), e.toString());
        }
        return next;
    }

    private Rollout remember(Rollout rollout) {
        registry.changed(rollout);
        return rollout;
    }

    /** Applies an operator's move to the latest version, again when another writer changed it meanwhile. */
    private Rollout retry(String namespace, String id, Function<Rollout, Rollout> move) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Rollout result = move.apply(get(namespace, id));
            if (result != null) {
                return result;
            }
        }
        throw CascadeException.conflict("rollout " + id + " is changing too fast; try again", Map.of("rolloutId", id));
    }

    private static void requireState(Rollout rollout, RolloutState... allowed) {
        for (RolloutState state : allowed) {
            if (rollout.state() == state && !rollout.aborting()) {
                return;
            }
        }
        throw CascadeException.conflict(
                "rollout " + rollout.id() + " is " + (rollout.aborting() ? "aborting" : rollout.state()),
                Map.of("rolloutId", rollout.id(), "state", rollout.state().name()));
    }

    private static String truncate(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }

    private static String newId() {
        return "ro-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Object planJson) {
        return new LinkedHashMap<>((Map<String, Object>) planJson);
    }

    Clock clock() {
        return clock;
    }

    RolloutStore store() {
        return store;
    }

    HealthStore health() {
        return health;
    }

    RolloutRegistry registry() {
        return registry;
    }
}
