package io.cascade.gateway.hub;

import io.cascade.evaluator.config.Resolution;
import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.NamespaceRevision;
import io.cascade.gateway.spi.NamespaceStep;
import io.opentelemetry.api.metrics.DoubleHistogram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Fans revisions out to subscribers: one computation per group of subscribers that see the same
 * thing, however many they are.
 *
 * <p>NOTES. Subscribers of the same namespace, scope (or environment) and cohort share a group.
 * Everything that changes a group runs on one thread, the hub's: its first value, and one update
 * per revision, which resolves once (snapshots memoise resolutions by scope) and emits only when
 * the value differs from the group's last one. A group keeps its latest value (a new subscriber gets
 * it at once: the first message is the current state) and nothing else; it goes when its last
 * subscriber does. Handing a value to each subscriber (completing its GraphQL answer, queueing the
 * send) is the per-subscriber work of a revision: it runs on the fan-out lanes, one thread each, a
 * subscriber always on the same lane, so a thousand subscribers are served by every core and each
 * still gets its values in order. After every cohort change of a namespace (a rollout's start,
 * next stage or end), and after every revision while a rollout of it runs, its subscribers work
 * out their host's cohort again and move groups where it changed; each subscriber drops anything
 * not newer than what it was sent last, so revisions only go up.
 *
 * <p>Tool streams ({@code namespaceEvents}) carry every revision and, from the namespace's audit
 * chain, the rollout steps that commit no revision (pause, resume, stage change, completion). A
 * cursor per watched namespace walks the chain on the hub thread: when a revision arrives (the
 * steps audited before it go first), when this process audits a step, and every second for the
 * steps of other processes. A chain entry naming a revision the hub has not passed on yet stops the
 * walk until that revision comes, so a step is never sent before the revision that precedes it; a
 * step carries the newest revision sent, so revisions never go down on a tool stream.
 */
public final class SubscriptionHub implements AutoCloseable {

    private final GatewayState state;
    private final Scheduler thread = Schedulers.newSingle("cascade-gateway-hub", true);
    /** Where values are handed to subscribers: one thread per lane. */
    private final Scheduler[] lanes;

    private final AtomicInteger nextLane = new AtomicInteger();
    private final Map<GroupKey, Group<?>> groups = new HashMap<>();
    private final Map<String, Sinks.Many<Activity>> revisions = new HashMap<>();
    /** Per namespace with a tool stream: where its audit walk is; touched on the hub thread only. */
    private final Map<String, StepCursor> stepCursors = new HashMap<>();

    private final Map<String, Sinks.Many<Long>> cohortChanges = new HashMap<>();
    private long cohortEpoch;
    private final AtomicInteger groupCount = new AtomicInteger();

    private volatile DoubleHistogram lag;

    /** Where the hub records, per revision, milliseconds from the commit to its update of subscribers. */
    public void recordLagWith(DoubleHistogram histogram) {
        this.lag = histogram;
    }

    /** A hub whose subscribers are served by {@code fanOutThreads} threads (at least one). */
    public SubscriptionHub(GatewayState state, int fanOutThreads) {
        if (fanOutThreads < 1) {
            throw new IllegalArgumentException("fanOutThreads must be at least 1, was " + fanOutThreads);
        }
        this.state = state;
        this.lanes = new Scheduler[fanOutThreads];
        for (int i = 0; i < fanOutThreads; i++) {
            lanes[i] = Schedulers.newSingle("cascade-gateway-fanout-" + i, true);
        }
        state.onRevision(revision -> thread.schedule(() -> update(revision)));
        state.onCohortsChanged(namespace -> thread.schedule(() -> cohortsChanged(namespace)));
        state.onSteps(namespace -> thread.schedule(() -> walkSteps(namespace)));
        thread.schedulePeriodically(this::walkAllSteps, STEP_POLL_MILLIS, STEP_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static final Logger log = LoggerFactory.getLogger(SubscriptionHub.class);

    /** How often the audit chains of watched namespaces are read for other processes' steps. */
    private static final long STEP_POLL_MILLIS = 1_000;

    private static final int STEPS_PER_READ = 100;

    /** What a tool stream carries: a revision, or an audit step shown at the newest revision sent before it. */
    public record Activity(NamespaceRevision revision, NamespaceStep step, int shownRevision) {}

    /** Where the audit walk of a namespace is: the last entry looked at, the newest revision sent. */
    private static final class StepCursor {
        private int sequence;
        private int revision;

        StepCursor(int sequence, int revision) {
            this.sequence = sequence;
            this.revision = revision;
        }
    }

    /** What a group is for: a config scope or a flag environment, in a namespace, for a cohort. */
    private record GroupKey(String kind, String namespace, List<String> what, String cohort) {}

    /** The resolved config of {@code scope} as {@code hostId} (may be null) should run it, now and on every change. */
    public Flux<ResolvedConfigView> config(
            String namespace, Scope scope, Map<String, String> scopeJson, String hostId) {
        return subscribe(
                namespace,
                hostId,
                scopeJson,
                cohort -> new GroupKey("config", namespace, scope.values(), cohort),
                key -> {
                    Snapshot snapshot = snapshotFor(key);
                    Resolution resolution = snapshot.resolve(scope, false);
                    return new ResolvedConfigView(namespace, snapshot.revision(), scopeJson, resolution.config());
                });
    }

    /**
     * The flags and segments of {@code environment}, now and on every change that concerns it, as
     * {@code hostId} (may be null) with {@code hostScope} (its environment at least) should run them.
     */
    public Flux<FlagSnapshotView> flags(
            String namespace, String environment, String hostId, Map<String, String> hostScope) {
        return subscribe(
                namespace,
                hostId,
                hostScope,
                cohort -> new GroupKey("flags", namespace, List.of(environment), cohort),
                key -> {
                    Snapshot snapshot = snapshotFor(key);
                    return new FlagSnapshotView(
                            namespace,
                            environment,
                            snapshot.revision(),
                            forEnvironment(snapshot.flags(), environment),
                            documents(snapshot.segments()),
                            snapshot.attributes());
                });
    }

    /**
     * Every revision of {@code namespace} from now on, and every rollout step that commits none, in
     * the order of the namespace's audit chain, buffered up to {@code buffer} for a slow reader.
     */
    public Flux<Activity> revisions(String namespace, int buffer) {
        return Flux.defer(() -> stream(namespace).asFlux()).onBackpressureBuffer(buffer);
    }

    /**
     * The namespace's tool stream. The first subscriber reads where the audit chain ends now, before
     * the stream exists, so a step audited after it subscribed is never passed over however late the
     * hub thread starts the walk.
     */
    private Sinks.Many<Activity> stream(String namespace) {
        synchronized (revisions) {
            Sinks.Many<Activity> existing = revisions.get(namespace);
            if (existing != null) {
                return existing;
            }
        }
        Integer chainEnd = null;
        try {
            chainEnd = state.lastStepSequence(namespace);
        } catch (RuntimeException e) {
            log.warn("Could not read where the audit chain of {} ends: {}", namespace, e.toString());
        }
        Integer from = chainEnd;
        synchronized (revisions) {
            return revisions.computeIfAbsent(namespace, key -> {
                thread.schedule(() -> startWalk(namespace, from));
                return Sinks.many().multicast().directBestEffort();
            });
        }
    }

    /**
     * On the hub thread: the walk of a newly watched namespace starts after {@code sequence}, or at
     * the chain's end now when that is not known.
     */
    private void startWalk(String namespace, Integer sequence) {
        if (stepCursors.containsKey(namespace)) {
            return;
        }
        try {
            int revision = state.latest(namespace).map(Snapshot::revision).orElse(0);
            int from = sequence != null ? sequence : state.lastStepSequence(namespace);
            stepCursors.put(namespace, new StepCursor(from, revision));
        } catch (RuntimeException e) {
            log.warn("Could not start reading the audit steps of {}: {}", namespace, e.toString());
        }
    }

    /** On the hub thread, every second: each watched namespace's walk goes on (or starts, if it could not yet). */
    private void walkAllSteps() {
        Map<String, Sinks.Many<Activity>> watched;
        synchronized (revisions) {
            watched = Map.copyOf(revisions);
        }
        watched.forEach((namespace, sink) -> {
            if (sink.currentSubscriberCount() == 0) {
                return;
            }
            if (!stepCursors.containsKey(namespace)) {
                startWalk(namespace, null);
                return;
            }
            walkSteps(namespace);
        });
    }

    private void walkSteps(String namespace) {
        StepCursor cursor = stepCursors.get(namespace);
        if (cursor != null) {
            walkSteps(namespace, cursor, cursor.revision);
        }
    }

    /**
     * On the hub thread: sends the rollout steps after the cursor, up to the first chain entry that
     * names a revision after {@code upToRevision}. Entries naming a revision are passed over: the
     * revision itself is the message.
     */
    private void walkSteps(String namespace, StepCursor cursor, int upToRevision) {
        Sinks.Many<Activity> sink;
        synchronized (revisions) {
            sink = revisions.get(namespace);
        }
        if (sink == null) {
            return;
        }
        try {
            while (true) {
                List<NamespaceStep> batch = state.stepsAfter(namespace, cursor.sequence, STEPS_PER_READ);
                for (NamespaceStep step : batch) {
                    if (step.revision() != null && step.revision() > upToRevision) {
                        return;
                    }
                    cursor.sequence = step.sequence();
                    if (step.revision() == null && step.action().startsWith("rollout.")) {
                        sink.tryEmitNext(new Activity(null, step, cursor.revision));
                    }
                }
                if (batch.size() < STEPS_PER_READ) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the audit steps of {}: {}", namespace, e.toString());
        }
    }

    /** Ticks once per cohort change of the namespace (and once at first), replaying the latest to new subscribers. */
    private Sinks.Many<Long> cohortChanges(String namespace) {
        synchronized (cohortChanges) {
            return cohortChanges.computeIfAbsent(namespace, key -> {
                Sinks.Many<Long> sink = Sinks.many().replay().latest();
                sink.tryEmitNext(0L);
                return sink;
            });
        }
    }

    /**
     * On the hub thread: the namespace's groups recompute (the stable revision may have moved), then
     * every subscriber of it works out its cohort again and moves group where it changed.
     */
    private void cohortsChanged(String namespace) {
        List<Group<?>> affected = new ArrayList<>();
        synchronized (groups) {
            for (Group<?> group : groups.values()) {
                if (group.key.namespace().equals(namespace)) {
                    affected.add(group);
                }
            }
        }
        affected.forEach(Group::refresh);
        tickCohorts(namespace);
    }

    /** On the hub thread: every subscriber of the namespace works out its cohort again. */
    private void tickCohorts(String namespace) {
        Sinks.Many<Long> sink;
        synchronized (cohortChanges) {
            sink = cohortChanges.get(namespace);
        }
        if (sink != null) {
            sink.tryEmitNext(++cohortEpoch);
        }
    }

    /** How many groups there are: one resolve each per revision. */
    public int groups() {
        return groupCount.get();
    }

    private Snapshot snapshotFor(GroupKey key) {
        return state.snapshotFor(key.namespace(), key.cohort())
                .orElseThrow(() -> new IllegalStateException("namespace " + key.namespace() + " is gone"));
    }

    /**
     * A subscriber's stream: the group of its cohort, again whenever the namespace moves on (its
     * cohort may have changed with it), values only ever newer.
     */
    private <T extends Revisioned> Flux<T> subscribe(
            String namespace,
            String hostId,
            Map<String, String> scope,
            Function<String, GroupKey> keyOf,
            Function<GroupKey, T> compute) {
        int[] last = {0};
        int lane = Math.floorMod(nextLane.getAndIncrement(), lanes.length);
        return cohortChanges(namespace)
                .asFlux()
                .map(epoch -> keyOf.apply(state.cohortOf(namespace, hostId, scope)))
                .distinctUntilChanged()
                .switchMap(key -> Flux.<T>defer(() -> {
                    Group<T> group = acquire(key, compute);
                    // The lane's sink first, then the current value: a value computed meanwhile is
                    // either seen here or emitted to the sink (see Group.refresh).
                    Sinks.Many<T> sink = group.sink(lane);
                    T now = group.current;
                    return Flux.concat(Mono.justOrEmpty(now), sink.asFlux())
                            .doFinally(signal -> thread.schedule(() -> release(key, group)));
                }))
                .filter(value -> {
                    // Signals reach a subscriber one at a time (from whichever thread), each seeing the last.
                    if (value.revision() <= last[0]) {
                        return false;
                    }
                    last[0] = value.revision();
                    return true;
                });
    }

    @SuppressWarnings("unchecked")
    private <T extends Revisioned> Group<T> acquire(GroupKey key, Function<GroupKey, T> compute) {
        synchronized (groups) {
            Group<T> group = (Group<T>) groups.get(key);
            if (group == null) {
                group = new Group<>(key, compute, lanes);
                groups.put(key, group);
                groupCount.incrementAndGet();
                Group<T> created = group;
                thread.schedule(() -> created.refresh());
            }
            group.subscribers++;
            return group;
        }
    }

    private void release(GroupKey key, Group<?> group) {
        synchronized (groups) {
            if (--group.subscribers == 0 && groups.remove(key, group)) {
                groupCount.decrementAndGet();
            }
        }
    }

    /** On the hub thread: every group of the namespace recomputes, and tool streams hear of it. */
    private void update(NamespaceRevision revision) {
        List<Group<?>> affected = new ArrayList<>();
        synchronized (groups) {
            for (Group<?> group : groups.values()) {
                if (group.key.namespace().equals(revision.namespace())) {
                    affected.add(group);
                }
            }
        }
        for (Group<?> group : affected) {
            group.refresh();
        }
        DoubleHistogram histogram = lag;
        if (histogram != null && !affected.isEmpty()) {
            histogram.record(Math.max(
                    0, System.currentTimeMillis() - revision.committedAt().toEpochMilli()));
        }
        Sinks.Many<Activity> stream;
        synchronized (revisions) {
            stream = revisions.get(revision.namespace());
        }
        StepCursor cursor = stepCursors.get(revision.namespace());
        if (stream != null) {
            if (cursor != null) {
                walkSteps(revision.namespace(), cursor, revision.revision() - 1);
            }
            stream.tryEmitNext(new Activity(revision, null, revision.revision()));
        }
        if (cursor != null) {
            cursor.revision = Math.max(cursor.revision, revision.revision());
            walkSteps(revision.namespace(), cursor, cursor.revision);
        }
        // Without a running rollout every host is in "" before and after: nothing to work out again.
        // A rollout's start, stage change and end tick by themselves (cohortsChanged).
        if (state.rolloutRunning(revision.namespace())) {
            tickCohorts(revision.namespace());
        }
    }

    /** Subscribers that see the same thing; touched on the hub thread only, but for its count. */
    private static final class Group<T extends Revisioned> {
        private final GroupKey key;
        private final Function<GroupKey, T> compute;
        private final Scheduler[] lanes;
        /**
         * One per lane that has a subscriber of this group (made when the first comes), emitted on
         * that lane's thread: many small groups cost no more than their subscribers.
         */
        private final AtomicReferenceArray<Sinks.Many<T>> sinks;

        private T last;
        /**
         * The newest value computed, sent or not (one of the same content as the last sent is not):
         * what a subscriber moving into the group from another cohort starts from, so it does not
         * miss a revision that changed what it runs but not what this group runs.
         */
        private volatile T current;

        private int subscribers;

        Group(GroupKey key, Function<GroupKey, T> compute, Scheduler[] lanes) {
            this.key = key;
            this.compute = compute;
            this.lanes = lanes;
            this.sinks = new AtomicReferenceArray<>(lanes.length);
        }

        Sinks.Many<T> sink(int lane) {
            Sinks.Many<T> sink = sinks.get(lane);
            if (sink == null) {
                sinks.compareAndSet(lane, null, Sinks.many().replay().latest());
                sink = sinks.get(lane);
            }
            return sink;
        }

        void refresh() {
            T next;
            try {
                next = compute.apply(key);
            } catch (RuntimeException gone) {
                return;
            }
            if (current == null || next.revision() > current.revision()) {
                current = next;
            }
            if (last != null && (next.revision() <= last.revision() || next.sameContent(last))) {
                return;
            }
            last = next;
            for (int i = 0; i < lanes.length; i++) {
                Sinks.Many<T> sink = sinks.get(i);
                if (sink != null) {
                    lanes[i].schedule(() -> sink.tryEmitNext(next));
                }
            }
        }
    }

    /** The flag documents, each with only {@code environment}'s block: hosts see nothing of other environments. */
    private static List<Map<String, Object>> forEnvironment(Documents flags, String environment) {
        List<Map<String, Object>> out = new ArrayList<>(flags.size());
        for (Documents.Entry entry : flags.entries()) {
            Map<String, Object> document = new LinkedHashMap<>(entry.document());
            Object environments = document.get("environments");
            if (environments instanceof Map<?, ?> all) {
                Map<String, Object> mine = new LinkedHashMap<>();
                Object block = all.get(environment);
                if (block != null) {
                    mine.put(environment, block);
                }
                document.put("environments", mine);
            }
            out.add(document);
        }
        return out;
    }

    private static List<Map<String, Object>> documents(Documents documents) {
        return documents.documents();
    }

    @Override
    public void close() {
        thread.dispose();
        for (Scheduler lane : lanes) {
            lane.dispose();
        }
    }

    /** A value stamped with the revision it reflects. */
    public interface Revisioned {
        int revision();

        /** Whether a subscriber would see no difference between the two. */
        boolean sameContent(Revisioned other);
    }

    /** What {@code configChanged} sends. */
    public record ResolvedConfigView(
            String namespace, int revision, Map<String, String> scope, Map<String, Object> config)
            implements Revisioned {
        @Override
        public boolean sameContent(Revisioned other) {
            return other instanceof ResolvedConfigView view && Objects.equals(config, view.config);
        }
    }

    /** What {@code flagsChanged} sends: the documents, as lists. */
    public record FlagSnapshotView(
            String namespace,
            String environment,
            int revision,
            List<Map<String, Object>> flags,
            List<Map<String, Object>> segments,
            Map<String, String> attributes)
            implements Revisioned {
        @Override
        public boolean sameContent(Revisioned other) {
            return other instanceof FlagSnapshotView view
                    && Objects.equals(flags, view.flags)
                    && Objects.equals(segments, view.segments)
                    && Objects.equals(attributes, view.attributes);
        }
    }
}
