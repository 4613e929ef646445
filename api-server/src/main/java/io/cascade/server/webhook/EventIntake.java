package io.cascade.server.webhook;

import io.cascade.server.audit.AuditEntry;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.store.RevisionRecord;
import io.cascade.server.store.RevisionStore;
import io.cascade.server.store.WebhookDeliveryStore;
import io.cascade.server.store.WebhookDeliveryStore.Delivery;
import io.cascade.server.store.WebhookStore;
import io.cascade.server.store.WebhookStore.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes events from two logs in the store, each with its own cursor per webhook: the revision log
 * ({@code revision.committed}) and the namespace's audit chain (the {@code change.*} and {@code
 * rollout.*} steps, named by {@link WebhookEvents#forAuditAction}). Entries after a cursor become
 * deliveries, each with a stable id ({@code <webhook id>.r<revision>}, {@code <webhook
 * id>.a<audit sequence>}) and its body frozen, then the cursor moves with a compare-and-set. A crash
 * between the two repeats the inserts, which find their ids taken, so any process may do this at
 * any time. A disabled webhook's cursors move without deliveries: events while it is disabled are
 * skipped.
 *
 * <p>NOTES on order. A webhook sends its pending deliveries by {@link #order}: a revision sorts at
 * {@code (revision, 0)}, an audit step at {@code (r, sequence)} where {@code r} is the newest
 * revision the chain named up to that step (kept with the audit cursor, so every process computes
 * the same key). Revisions are taken before audit steps, and an audit entry that names a revision
 * not yet taken stops the audit intake until it is: a {@code change.applied} is never queued before
 * the {@code revision.committed} of the revision it applied, and sorts after it.
 */
final class EventIntake {

    /** At most this many revisions, and this many audit entries, per webhook are taken in one round. */
    static final int EVENTS_PER_ROUND = 100;

    private final WebhookStore webhooks;
    private final WebhookDeliveryStore deliveries;
    private final RevisionStore revisions;
    private final AuditTrail audit;
    private final NamespaceSnapshots namespaces;
    private final WebhookPayloads payloads;
    private final Clock clock;

    EventIntake(
            WebhookStore webhooks,
            WebhookDeliveryStore deliveries,
            RevisionStore revisions,
            AuditTrail audit,
            NamespaceSnapshots namespaces,
            WebhookPayloads payloads,
            Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.revisions = revisions;
        this.audit = audit;
        this.namespaces = namespaces;
        this.payloads = payloads;
        this.clock = clock;
    }

    /** The key a webhook's deliveries are sent by, smallest first: a revision, then the audit steps that follow it. */
    static long order(int revision, int auditSequence) {
        return ((long) revision << 32) | auditSequence;
    }

    /**
     * Turns the revisions and then the audit entries after the webhook's cursors (at most {@value
     * #EVENTS_PER_ROUND} of each) into deliveries and moves the cursors; true when more may be waiting.
     */
    boolean take(Webhook webhook) {
        Taken revisionsTaken = takeRevisions(webhook);
        Taken stepsTaken = takeAuditSteps(webhook, revisionsTaken.cursor());
        return revisionsTaken.more() || stepsTaken.more();
    }

    /** Where a cursor ended up in this round, and whether more may be waiting after it. */
    private record Taken(int cursor, boolean more) {}

    private Taken takeRevisions(Webhook webhook) {
        List<RevisionRecord> batch =
                revisions.load(webhook.namespace(), webhook.cursor(), webhook.cursor() + EVENTS_PER_ROUND);
        if (batch.isEmpty()) {
            return new Taken(webhook.cursor(), false);
        }
        boolean wanted = webhook.enabled() && WebhookEvents.matches(webhook.events(), WebhookEvents.REVISION_COMMITTED);
        List<String> dimensions = wanted ? namespaces.head(webhook.namespace()).dimensions() : List.of();
        Instant now = clock.instant();
        for (RevisionRecord record : batch) {
            if (!wanted) {
                continue;
            }
            String id = webhook.id() + ".r" + record.revision();
            deliveries.insertIfAbsent(Delivery.pending(
                    id,
                    webhook.id(),
                    webhook.namespace(),
                    order(record.revision(), 0),
                    WebhookEvents.REVISION_COMMITTED,
                    record.revision(),
                    record.committedAt(),
                    payloads.revisionCommitted(id, record, dimensions),
                    now));
        }
        int last = batch.get(batch.size() - 1).revision();
        webhooks.advanceCursor(webhook.id(), webhook.cursor(), last);
        return new Taken(last, batch.size() == EVENTS_PER_ROUND);
    }

    /**
     * Turns the audit entries after the webhook's audit cursor into deliveries, stopping before an
     * entry that names a revision after {@code revisionCursor} (its revision goes first). An entry
     * naming a revision the log does not have holds nothing up and does not count for the order.
     */
    private Taken takeAuditSteps(Webhook webhook, int revisionCursor) {
        if (webhook.auditCursor() == WebhookStore.NOT_STARTED) {
            int head = audit.lastSequence(webhook.namespace());
            webhooks.advanceAuditCursor(webhook.id(), WebhookStore.NOT_STARTED, head, webhook.cursor());
            return new Taken(head, true);
        }
        List<AuditEntry> batch = audit.entriesAfter(webhook.namespace(), webhook.auditCursor(), EVENTS_PER_ROUND);
        int sequence = webhook.auditCursor();
        int revision = webhook.auditRevision();
        Instant now = clock.instant();
        for (AuditEntry entry : batch) {
            Integer named = entry.revision();
            if (named != null && named > revisionCursor) {
                if (revisions.find(webhook.namespace(), named) != null) {
                    break;
                }
                named = null;
            }
            sequence = entry.sequence();
            revision = Math.max(revision, named == null ? 0 : named);
            Optional<String> event = WebhookEvents.forAuditAction(entry.action());
            if (event.isEmpty() || !webhook.enabled() || !WebhookEvents.matches(webhook.events(), event.get())) {
                continue;
            }
            String id = webhook.id() + ".a" + entry.sequence();
            int shown = entry.revision() == null ? revision : entry.revision();
            deliveries.insertIfAbsent(Delivery.pending(
                    id,
                    webhook.id(),
                    webhook.namespace(),
                    order(revision, entry.sequence()),
                    event.get(),
                    shown,
                    entry.at(),
                    payloads.auditStep(id, event.get(), entry, shown),
                    now));
        }
        if (sequence == webhook.auditCursor()) {
            return new Taken(sequence, false);
        }
        webhooks.advanceAuditCursor(webhook.id(), webhook.auditCursor(), sequence, revision);
        return new Taken(sequence, batch.size() == EVENTS_PER_ROUND);
    }
}
