package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.store.RevisionRecord;

/**
 * Told about every revision this process learns of: those it commits and those other processes
 * committed, found by catch-up or the periodic refresh. Each revision exactly once per process, in
 * revision order per namespace, on the events thread, never while a namespace is locked. Revisions
 * loaded at start are the starting state, not events.
 */
@FunctionalInterface
public interface RevisionListener {

    /**
     * {@code after} is the namespace as of {@code record}; {@code committedHere} says whether this
     * process committed it. Return quickly; exceptions are logged and dropped.
     */
    void revision(RevisionRecord record, Snapshot after, boolean committedHere);
}
