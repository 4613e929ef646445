package io.cascade.server.store;

import static io.cascade.server.store.WebhookStore.date;
import static io.cascade.server.store.WebhookStore.instant;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Deliveries in the {@code webhook_deliveries} collection: one document per event and webhook, with
 * a stable id (the {@code Cascade-Delivery} header), the body frozen when the event was taken from
 * the revision log, and the state of its attempts.
 *
 * <p>NOTES. Two compare-and-sets make replicas safe. Creating a delivery is an insert under its
 * stable id, so two processes turning the same revision into deliveries make one. An attempt is
 * {@link #claim claimed} by matching the attempt count and claim token the claimer read and writing a
 * fresh token, the next count and a lease: of two processes that read the same state, one wins.
 * The attempt's outcome is written only under the winner's token ({@link #finish}); a process that
 * died mid-attempt leaves a lease that expires, and the attempt is made again (at-least-once).
 */
public final class WebhookDeliveryStore {

    /** Where a delivery stands. */
    public enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }

    /** A delivery as stored. {@code attemptBase} is the attempt count when it was last (re)started. */
    public record Delivery(
            String id,
            String webhookId,
            String namespace,
            long sequence,
            String event,
            int revision,
            Instant occurredAt,
            String body,
            Status status,
            int attempts,
            int attemptBase,
            Integer lastStatusCode,
            String lastError,
            Instant nextAttemptAt,
            Instant lastAttemptAt,
            Instant deliveredAt,
            String claim,
            Instant claimedUntil,
            Instant createdAt) {

        public Delivery {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(status, "status");
        }

        /** A new delivery, due at once. */
        public static Delivery pending(
                String id,
                String webhookId,
                String namespace,
                long sequence,
                String event,
                int revision,
                Instant occurredAt,
                String body,
                Instant now) {
            return new Delivery(
                    id,
                    webhookId,
                    namespace,
                    sequence,
                    event,
                    revision,
                    occurredAt,
                    body,
                    Status.PENDING,
                    0,
                    0,
                    null,
                    null,
                    now,
                    null,
                    null,
                    null,
                    null,
                    now);
        }

        /** Whether another process holds an unexpired claim on it at {@code now}. */
        public boolean claimedAt(Instant now) {
            return claim != null && claimedUntil != null && claimedUntil.isAfter(now);
        }
    }

    private final MongoCollection<Document> deliveries;

    public WebhookDeliveryStore(MongoDatabase database) {
        this.deliveries = database.getCollection("webhook_deliveries");
    }

    /** The index that finds a webhook's oldest pending delivery and pages its log; safe to call on every start. */
    public void ensureIndexes() {
        deliveries.createIndex(
                Indexes.ascending("webhookId", "status", "seq"), new IndexOptions().name("webhook_status_seq"));
        deliveries.createIndex(Indexes.ascending("webhookId", "seq"), new IndexOptions().name("webhook_seq"));
    }

    /** Inserts a new delivery; false when one with its id exists already (another process made it). */
    public boolean insertIfAbsent(Delivery delivery) {
        try {
            deliveries.insertOne(toDocument(delivery));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Delivery find(String id) {
        Document doc = deliveries.find(Filters.eq("_id", id)).first();
        return doc == null ? null : fromDocument(doc);
    }

    /** The webhook's oldest delivery still {@code PENDING}, or null: the only one that may be sent. */
    public Delivery oldestPending(String webhookId) {
        Document doc = deliveries
                .find(new Document("webhookId", webhookId).append("status", Status.PENDING.name()))
                .sort(Sorts.ascending("seq"))
                .limit(1)
                .first();
        return doc == null ? null : fromDocument(doc);
    }

    /** Up to {@code limit} deliveries of a webhook older than {@code beforeSequence}, newest first. */
    public List<Delivery> page(String webhookId, long beforeSequence, int limit) {
        List<Delivery> out = new ArrayList<>();
        Bson filter = Filters.and(Filters.eq("webhookId", webhookId), Filters.lt("seq", beforeSequence));
        for (Document doc :
                deliveries.find(filter).sort(Sorts.descending("seq")).limit(limit)) {
            out.add(fromDocument(doc));
        }
        return out;
    }

    /**
     * Claims the next attempt of {@code read} (as this process read it) for {@code token} until
     * {@code until}; the claimed delivery, or null when another process got there first.
     */
    public Delivery claim(Delivery read, String token, Instant now, Instant until) {
        Bson filter = Filters.and(
                Filters.eq("_id", read.id()),
                Filters.eq("status", Status.PENDING.name()),
                Filters.eq("attempts", read.attempts()),
                Filters.eq("claim", read.claim()));
        Bson update = Updates.combine(
                Updates.set("attempts", read.attempts() + 1),
                Updates.set("claim", token),
                Updates.set("claimedUntil", date(until)),
                Updates.set("lastAttemptAt", date(now)));
        Document doc = deliveries.findOneAndUpdate(
                filter, update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return doc == null ? null : fromDocument(doc);
    }

    /**
     * Records the outcome of the attempt claimed with {@code token}; false when the claim was lost
     * (its lease expired and another process took over, or the webhook was deleted).
     */
    public boolean finish(
            String id,
            String token,
            Status status,
            Integer statusCode,
            String error,
            Instant nextAttemptAt,
            Instant deliveredAt) {
        Bson update = Updates.combine(
                Updates.set("status", status.name()),
                Updates.set("lastStatusCode", statusCode),
                Updates.set("lastError", error),
                Updates.set("nextAttemptAt", date(nextAttemptAt)),
                Updates.set("deliveredAt", date(deliveredAt)),
                Updates.set("claimedUntil", null));
        return deliveries
                        .updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("claim", token)), update)
                        .getModifiedCount()
                == 1;
    }

    /**
     * Makes a delivery {@code PENDING} again, due at {@code now}, with a fresh attempt budget;
     * null when it is being attempted right now (claimed and unexpired) or is gone.
     */
    public Delivery restart(Delivery read, Instant now) {
        Bson filter = Filters.and(
                Filters.eq("_id", read.id()),
                Filters.eq("attempts", read.attempts()),
                Filters.eq("claim", read.claim()));
        Bson update = Updates.combine(
                Updates.set("status", Status.PENDING.name()),
                Updates.set("attemptBase", read.attempts()),
                Updates.set("nextAttemptAt", date(now)),
                Updates.set("deliveredAt", null));
        Document doc = deliveries.findOneAndUpdate(
                filter, update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return doc == null ? null : fromDocument(doc);
    }

    /** Deletes {@code DELIVERED} and {@code FAILED} deliveries made before {@code cutoff}; returns how many. */
    public long deleteFinishedBefore(Instant cutoff) {
        return deliveries
                .deleteMany(Filters.and(
                        Filters.in("status", Status.DELIVERED.name(), Status.FAILED.name()),
                        Filters.lt("createdAt", date(cutoff))))
                .getDeletedCount();
    }

    /** Deletes every delivery of a webhook. */
    public void deleteAll(String webhookId) {
        deliveries.deleteMany(Filters.eq("webhookId", webhookId));
    }

    private static Document toDocument(Delivery delivery) {
        return new Document("_id", delivery.id())
                .append("webhookId", delivery.webhookId())
                .append("namespace", delivery.namespace())
                .append("seq", delivery.sequence())
                .append("event", delivery.event())
                .append("revision", delivery.revision())
                .append("occurredAt", date(delivery.occurredAt()))
                .append("body", delivery.body())
                .append("status", delivery.status().name())
                .append("attempts", delivery.attempts())
                .append("attemptBase", delivery.attemptBase())
                .append("lastStatusCode", delivery.lastStatusCode())
                .append("lastError", delivery.lastError())
                .append("nextAttemptAt", date(delivery.nextAttemptAt()))
                .append("lastAttemptAt", date(delivery.lastAttemptAt()))
                .append("deliveredAt", date(delivery.deliveredAt()))
                .append("claim", delivery.claim())
                .append("claimedUntil", date(delivery.claimedUntil()))
                .append("createdAt", date(delivery.createdAt()));
    }

    private static Delivery fromDocument(Document doc) {
        Object code = doc.get("lastStatusCode");
        return new Delivery(
                doc.getString("_id"),
                doc.getString("webhookId"),
                doc.getString("namespace"),
                ((Number) doc.get("seq")).longValue(),
                doc.getString("event"),
                ((Number) doc.get("revision")).intValue(),
                instant(doc.getDate("occurredAt")),
                doc.getString("body"),
                Status.valueOf(doc.getString("status")),
                ((Number) doc.get("attempts")).intValue(),
                ((Number) doc.get("attemptBase")).intValue(),
                code instanceof Number number ? number.intValue() : null,
                doc.getString("lastError"),
                instant(doc.getDate("nextAttemptAt")),
                instant(doc.getDate("lastAttemptAt")),
                instant(doc.getDate("deliveredAt")),
                doc.getString("claim"),
                instant(doc.getDate("claimedUntil")),
                instant(doc.getDate("createdAt")));
    }
}
