package io.cascade.server.webhook;

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

/**
 * Takes events from the revision log: the revisions after a webhook's cursor become deliveries,
 * each with the stable id {@code <webhook id>.r<revision>} and its body frozen, then the cursor
 * moves with a compare-and-set. A crash between the two repeats the inserts, which find their ids
 * taken, so any process may do this at any time. A disabled webhook's cursor moves without
 * deliveries: events while it is disabled are skipped.
 */
final class EventIntake {

    /** At most this many revisions per webhook become deliveries in one round. */
    static final int EVENTS_PER_ROUND = 100;

    private final WebhookStore webhooks;
    private final WebhookDeliveryStore deliveries;
    private final RevisionStore revisions;
    private final NamespaceSnapshots namespaces;
    private final WebhookPayloads payloads;
    private final Clock clock;

    EventIntake(
            WebhookStore webhooks,
            WebhookDeliveryStore deliveries,
            RevisionStore revisions,
            NamespaceSnapshots namespaces,
            WebhookPayloads payloads,
            Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.revisions = revisions;
        this.namespaces = namespaces;
        this.payloads = payloads;
        this.clock = clock;
    }

    /**
     * Turns the revisions after the webhook's cursor (at most {@value #EVENTS_PER_ROUND}) into
     * deliveries and moves the cursor; true when more may be waiting.
     */
    boolean take(Webhook webhook) {
        List<RevisionRecord> batch =
                revisions.load(webhook.namespace(), webhook.cursor(), webhook.cursor() + EVENTS_PER_ROUND);
        if (batch.isEmpty()) {
            return false;
        }
        List<String> dimensions = namespaces.head(webhook.namespace()).dimensions();
        Instant now = clock.instant();
        for (RevisionRecord record : batch) {
            if (!webhook.enabled() || !WebhookEvents.matches(webhook.events(), WebhookEvents.REVISION_COMMITTED)) {
                continue;
            }
            String id = webhook.id() + ".r" + record.revision();
            deliveries.insertIfAbsent(Delivery.pending(
                    id,
                    webhook.id(),
                    webhook.namespace(),
                    record.revision(),
                    WebhookEvents.REVISION_COMMITTED,
                    record.revision(),
                    record.committedAt(),
                    payloads.revisionCommitted(id, record, dimensions),
                    now));
        }
        int last = batch.get(batch.size() - 1).revision();
        webhooks.advanceCursor(webhook.id(), webhook.cursor(), last);
        return batch.size() == EVENTS_PER_ROUND;
    }
}
