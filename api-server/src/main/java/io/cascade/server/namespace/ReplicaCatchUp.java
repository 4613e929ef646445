package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.store.HeadStore;
import io.cascade.server.store.RevisionStore;
import java.util.Map;

/**
 * The periodic check that heals what a process missed: revisions other processes committed
 * (normally announced as events) and audit entries a crash left out.
 *
 * <p>Each round reads the heads collection (one small document per namespace) and catches up
 * where this process is behind. Every {@value #PROBE_EVERY}th round it also asks the store for the
 * revision after each one held, by exact key, which finds revisions whose head document a crash
 * left behind, and moves that head on.
 */
public final class ReplicaCatchUp {

    private static final int PROBE_EVERY = 12;

    private final NamespaceSnapshots snapshots;
    private final HeadStore heads;
    private final RevisionStore store;
    private final RevisionAudit audit;
    private int rounds;

    public ReplicaCatchUp(NamespaceSnapshots snapshots, HeadStore heads, RevisionStore store, RevisionAudit audit) {
        this.snapshots = snapshots;
        this.heads = heads;
        this.store = store;
        this.audit = audit;
    }

    /** One round: from the periodic check, or when the revision bus reconnects. */
    public synchronized void refresh() {
        Map<String, HeadStore.Head> stored = heads.all();
        stored.forEach((name, head) -> {
            Snapshot held = snapshots.held(name);
            if (held == null || held.revision() < head.revision()) {
                catchUp(name);
            }
        });
        if (++rounds % PROBE_EVERY == 0) {
            probe();
        }
        audit.repairWhereNeeded(stored, snapshots, Map.of());
    }

    /** Catches up with a namespace now, e.g. when an event says it moved on. */
    public Snapshot catchUp(String name) {
        synchronized (snapshots.lock(name)) {
            return snapshots.catchUp(name);
        }
    }

    private void probe() {
        for (Snapshot held : snapshots.all()) {
            if (store.find(held.namespace(), held.revision() + 1) == null) {
                continue;
            }
            Snapshot now = catchUp(held.namespace());
            heads.advance(held.namespace(), now.revision(), false);
        }
    }
}
