package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Snapshot;
import java.util.List;

/**
 * Refuses a planned write, under the namespace's lock, before it is committed: how a running
 * rollout keeps other writes out of what it holds ({@code ROLLOUT_IN_PROGRESS}). Every write goes
 * through it, approved change requests too.
 */
@FunctionalInterface
public interface RolloutLock {

    RolloutLock NONE = (state, action, changes) -> {};

    /** Throws to refuse {@code changes}, planned by {@code action} against {@code state}. */
    void check(Snapshot state, String action, List<Change> changes);

    /** This process committed {@code revision} of {@code namespace} by {@code action}, after checking it. */
    default void committed(String namespace, int revision, String action) {}
}
