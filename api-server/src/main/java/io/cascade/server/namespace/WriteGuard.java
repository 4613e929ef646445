package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import java.util.List;

/**
 * Checks the changes of a direct write (one that is not an approved change request) after they are
 * planned and before they are committed: the place protected environments refuse writes.
 */
@FunctionalInterface
public interface WriteGuard {

    /** Lets everything through. */
    WriteGuard NONE = (state, changes, actor, revision) -> List.of();

    /**
     * Throws to refuse {@code changes} planned against {@code state}; otherwise returns the audit
     * events to append once they are committed as {@code revision} (such as a break-glass).
     */
    List<AuditTrail.Event> check(Snapshot state, List<Change> changes, Actor actor, int revision);
}
