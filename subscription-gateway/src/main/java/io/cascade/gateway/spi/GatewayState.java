package io.cascade.gateway.spi;

import io.cascade.evaluator.snapshot.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the gateway gets namespaces from: the server's own snapshots when it runs inside the
 * server, or a server reached over HTTP (fed by Redis) when it runs alone.
 */
public interface GatewayState {

    /** The latest snapshot of {@code namespace}; empty when it does not exist. */
    Optional<Snapshot> latest(String namespace);

    /**
     * Which group of hosts {@code hostId} (null for a subscriber that is not a host) with {@code
     * scope} (by dimension name) belongs to, as far as what it is served goes: {@code ""} for
     * everyone, unless a config rollout runs, which serves its candidate to the hosts of its current
     * cohort and the base to the others.
     */
    default String cohortOf(String namespace, String hostId, Map<String, String> scope) {
        return "";
    }

    /**
     * Whether a config rollout of {@code namespace} runs now: only then can a revision move a host
     * to another cohort (while none runs, every host is in {@code ""}). The default, true, makes
     * every subscriber work out its cohort again after every revision; a state that knows its
     * rollouts (and overrides {@link #cohortOf}) says false when none runs.
     */
    default boolean rolloutRunning(String namespace) {
        return true;
    }

    /**
     * Calls {@code listener} with a namespace whose cohorts or stable revision changed without a new
     * revision (a rollout moved to its next stage, completed, or was paused): subscribers of it may
     * belong to another cohort now. On one thread; never while holding a lock of the caller's.
     */
    default void onCohortsChanged(Consumer<String> listener) {}

    /** The snapshot served to {@code cohort} (see {@link #cohortOf}); empty when the namespace does not exist. */
    default Optional<Snapshot> snapshotFor(String namespace, String cohort) {
        return latest(namespace);
    }

    /**
     * Up to {@code limit} entries of the namespace's audit chain after {@code afterSequence}, oldest
     * first: what {@code namespaceEvents} takes the steps that commit no revision from (a rollout's
     * pause, resume, stage change, completion). None where the chain cannot be read.
     */
    default List<NamespaceStep> stepsAfter(String namespace, int afterSequence, int limit) {
        return List.of();
    }

    /** The sequence of the namespace's newest audit entry (0 when there is none or it cannot be read). */
    default int lastStepSequence(String namespace) {
        return 0;
    }

    /**
     * Calls {@code listener} with a namespace whose audit chain this process has just added to, so its
     * steps reach tools at once; other processes' steps are found by polling. Never under a lock of the
     * caller's.
     */
    default void onSteps(Consumer<String> listener) {}

    /**
     * Calls {@code listener} with every new revision of every namespace, in revision order per
     * namespace, on one thread.
     */
    void onRevision(Consumer<NamespaceRevision> listener);
}
