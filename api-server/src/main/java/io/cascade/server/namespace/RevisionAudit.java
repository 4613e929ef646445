package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Principal;
import io.cascade.server.store.HeadStore;
import io.cascade.server.store.RevisionRecord;
import io.cascade.server.store.RevisionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every revision gets its entry in the namespace's audit chain: appended right after the commit,
 * or, when that failed (the process stopped, or the store failed, in between), by the repair, which
 * the heads collection says where to run.
 */
public final class RevisionAudit {

    private static final Logger log = LoggerFactory.getLogger(RevisionAudit.class);

    private static final long GRACE_SECONDS = 30;

    private final AuditTrail audit;
    private final RevisionStore store;
    private final HeadStore heads;
    private final Clock clock;

    public RevisionAudit(AuditTrail audit, RevisionStore store, HeadStore heads, Clock clock) {
        this.audit = audit;
        this.store = store;
        this.heads = heads;
        this.clock = clock;
    }

    /**
     * Appends the entry of a revision just committed and moves the namespace's stored head. The
     * revision stands whatever happens here, so a failure is logged, never thrown at a caller whose
     * change is already committed: the repair records the entry later.
     */
    void committed(Actor actor, Snapshot before, Snapshot after, RevisionRecord record) {
        boolean audited = false;
        try {
            audit.append(record.namespace(), actor, AuditEvents.of(before, after, record), record.committedAt());
            audited = true;
        } catch (RuntimeException e) {
            log.error(
                    "Could not audit revision {} of {}; the repair will record it: {}",
                    record.revision(),
                    record.namespace(),
                    e.toString());
        }
        try {
            heads.advance(record.namespace(), record.revision(), audited);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not move the stored head of {} to {}; the refresh will: {}",
                    record.namespace(),
                    record.revision(),
                    e.toString());
        }
    }

    /** Appends events that go with a revision just committed; like {@link #committed}, never throws. */
    public void also(String namespace, Actor actor, List<AuditTrail.Event> events) {
        for (AuditTrail.Event event : events) {
            try {
                audit.append(namespace, actor, event);
            } catch (RuntimeException e) {
                log.error(
                        "Could not audit {} of revision {} of {}: {}", event.action(), event.revision(), namespace, e);
            }
        }
    }

    /**
     * Repairs every namespace whose stored head says revisions are not audited yet. Only revisions
     * older than {@value #GRACE_SECONDS} s are recorded, since a younger one may be another process's
     * commit whose own entry is being appended right now, except those up to {@code exclusiveUpTo}
     * of their namespace: revisions that only this process could have written and that were committed
     * before it started (the embedded store's, at start), whose entries nobody else is appending.
     */
    public synchronized void repairWhereNeeded(
            Map<String, HeadStore.Head> stored, NamespaceSnapshots snapshots, Map<String, Integer> exclusiveUpTo) {
        for (Map.Entry<String, HeadStore.Head> entry : stored.entrySet()) {
            Snapshot head = snapshots.held(entry.getKey());
            if (head != null && entry.getValue().audited() < head.revision()) {
                repair(head, exclusiveUpTo.getOrDefault(entry.getKey(), 0));
            }
        }
    }

    /**
     * The start-up repair, on a thread of its own: it may read a namespace's whole audit chain, which
     * must not hold up the start. Revisions committed before the start are this process's to record
     * when the store is its own ({@code exclusive}).
     */
    public void repairInBackground(HeadStore heads, NamespaceSnapshots snapshots, boolean exclusive) {
        Map<String, HeadStore.Head> stored = heads.all();
        Map<String, Integer> upTo = new HashMap<>();
        if (exclusive) {
            for (String name : snapshots.names()) {
                upTo.put(name, snapshots.held(name).revision());
            }
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        repairWhereNeeded(stored, snapshots, upTo);
                    } catch (RuntimeException e) {
                        log.warn("The audit repair at start stopped; the periodic one goes on: {}", e.toString());
                    }
                },
                "cascade-audit-repair");
        thread.setDaemon(true);
        thread.start();
    }

    private void repair(Snapshot head, int exclusiveUpTo) {
        String name = head.namespace();
        Set<Integer> audited = audit.auditedRevisions(name);
        boolean complete = true;
        if (audited.size() < head.revision()) {
            Instant settled = clock.instant().minusSeconds(GRACE_SECONDS);
            for (RevisionRecord record : store.load(name, 0, head.revision())) {
                if (audited.contains(record.revision())) {
                    continue;
                }
                if (record.revision() <= exclusiveUpTo || record.committedAt().isBefore(settled)) {
                    appendLate(name, record);
                } else {
                    complete = false;
                }
            }
        }
        if (complete) {
            heads.advance(name, head.revision(), true);
        }
    }

    private void appendLate(String name, RevisionRecord record) {
        Actor author = new Actor(
                new Principal(
                        record.authorKeyId() == null ? "unknown" : record.authorKeyId(),
                        record.author(),
                        true,
                        null,
                        null,
                        null),
                record.requestId());
        audit.append(
                name,
                author,
                new AuditTrail.Event(
                        record.action(),
                        record.revision(),
                        AuditEvents.targets(record),
                        null,
                        null,
                        "recorded by the audit repair; before/after not kept"
                                + (record.message() == null ? "" : ": " + record.message())),
                record.committedAt());
        log.warn("Audited revision {} of {} by the repair", record.revision(), name);
    }
}
