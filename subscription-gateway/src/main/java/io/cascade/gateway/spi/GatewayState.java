package io.cascade.gateway.spi;

import io.cascade.evaluator.snapshot.Snapshot;
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
     * Calls {@code listener} with every new revision of every namespace, in revision order per
     * namespace, on one thread.
     */
    void onRevision(Consumer<NamespaceRevision> listener);
}
