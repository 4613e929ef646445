package io.cascade.server.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Webhooks in the {@code webhooks} collection: where to send, which events, the signing secrets
 * (sealed, never in clear), and two cursors: the newest revision already turned into deliveries,
 * and the newest entry of the namespace's audit chain already looked at.
 * Webhooks are few and read whole; {@code _id} is the only look-up, so there is no index.
 *
 * <p>Settings change with a compare-and-set on {@code version}; the cursor moves with a
 * compare-and-set on its own value, so a settings change and a cursor move never undo each other.
 * The same holds for the audit cursor, which is separate from the revision cursor.
 */
public final class WebhookStore {

    private final MongoCollection<Document> webhooks;

    public WebhookStore(MongoDatabase database) {
        this.webhooks = database.getCollection("webhooks");
    }

    /**
     * A webhook as stored. {@code previousSecret} and {@code previousSecretUntil} are null outside a
     * rotation's grace. {@code auditCursor} is the sequence of the newest audit entry taken ({@link
     * WebhookStore#NOT_STARTED} for a webhook stored before it existed); {@code auditRevision} the newest revision
     * the audit chain had named up to that entry.
     */
    public record Webhook(
            String id,
            String namespace,
            String url,
            List<String> events,
            String description,
            boolean enabled,
            String secret,
            String previousSecret,
            Instant previousSecretUntil,
            Instant secretRotatedAt,
            int cursor,
            int auditCursor,
            int auditRevision,
            Instant createdAt,
            String createdBy,
            long version) {

        public Webhook {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(createdAt, "createdAt");
            events = List.copyOf(events);
        }
    }

    /** The audit cursor of a webhook stored before there was one: it starts at the chain's head when first read. */
    public static final int NOT_STARTED = -1;

    public void insert(Webhook webhook) {
        webhooks.insertOne(toDocument(webhook));
    }

    /** The webhook with this id, or null. */
    public Webhook find(String id) {
        Document doc = webhooks.find(Filters.eq("_id", id)).first();
        return doc == null ? null : fromDocument(doc);
    }

    /** One namespace's webhooks, oldest first. */
    public List<Webhook> list(String namespace) {
        List<Webhook> out = new ArrayList<>();
        for (Document doc : webhooks.find(Filters.eq("namespace", namespace))) {
            out.add(fromDocument(doc));
        }
        out.sort(Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id));
        return out;
    }

    /** Every webhook of every namespace. */
    public List<Webhook> all() {
        List<Webhook> out = new ArrayList<>();
        for (Document doc : webhooks.find()) {
            out.add(fromDocument(doc));
        }
        return out;
    }

    /**
     * Stores {@code next}'s settings and secrets if the webhook is still at {@code expectedVersion};
     * false when it changed (or went) meanwhile. Leaves the cursor alone.
     */
    public boolean update(Webhook next, long expectedVersion) {
        Bson update = Updates.combine(
                Updates.set("url", next.url()),
                Updates.set("events", next.events()),
                Updates.set("description", next.description()),
                Updates.set("enabled", next.enabled()),
                Updates.set("secret", next.secret()),
                Updates.set("previousSecret", next.previousSecret()),
                Updates.set("previousSecretUntil", date(next.previousSecretUntil())),
                Updates.set("secretRotatedAt", date(next.secretRotatedAt())),
                Updates.set("version", expectedVersion + 1));
        return webhooks.updateOne(
                                Filters.and(Filters.eq("_id", next.id()), Filters.eq("version", expectedVersion)),
                                update)
                        .getModifiedCount()
                == 1;
    }

    /** Moves the cursor from {@code from} to {@code to}; false when another process moved it first. */
    public boolean advanceCursor(String id, int from, int to) {
        return webhooks.updateOne(
                                Filters.and(Filters.eq("_id", id), Filters.eq("cursor", from)),
                                Updates.set("cursor", to))
                        .getModifiedCount()
                == 1;
    }

    /**
     * Moves the audit cursor from sequence {@code from} to {@code to}, noting {@code revision}; false
     * when another process moved it first. From {@link #NOT_STARTED} it matches a webhook without one.
     */
    public boolean advanceAuditCursor(String id, int from, int to, int revision) {
        Bson current = from == NOT_STARTED ? Filters.eq("auditCursor", null) : Filters.eq("auditCursor", from);
        return webhooks.updateOne(
                                Filters.and(Filters.eq("_id", id), current),
                                Updates.combine(Updates.set("auditCursor", to), Updates.set("auditRevision", revision)))
                        .getModifiedCount()
                == 1;
    }

    /** Deletes the webhook; false when there was none. */
    public boolean delete(String id) {
        return webhooks.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
    }

    private static Document toDocument(Webhook webhook) {
        return new Document("_id", webhook.id())
                .append("namespace", webhook.namespace())
                .append("url", webhook.url())
                .append("events", webhook.events())
                .append("description", webhook.description())
                .append("enabled", webhook.enabled())
                .append("secret", webhook.secret())
                .append("previousSecret", webhook.previousSecret())
                .append("previousSecretUntil", date(webhook.previousSecretUntil()))
                .append("secretRotatedAt", date(webhook.secretRotatedAt()))
                .append("cursor", webhook.cursor())
                .append("auditCursor", webhook.auditCursor() == NOT_STARTED ? null : webhook.auditCursor())
                .append("auditRevision", webhook.auditRevision())
                .append("createdAt", Date.from(webhook.createdAt()))
                .append("createdBy", webhook.createdBy())
                .append("version", webhook.version());
    }

    private static Webhook fromDocument(Document doc) {
        return new Webhook(
                doc.getString("_id"),
                doc.getString("namespace"),
                doc.getString("url"),
                doc.getList("events", String.class),
                doc.getString("description"),
                Boolean.TRUE.equals(doc.getBoolean("enabled")),
                doc.getString("secret"),
                doc.getString("previousSecret"),
                instant(doc.getDate("previousSecretUntil")),
                instant(doc.getDate("secretRotatedAt")),
                ((Number) doc.get("cursor")).intValue(),
                doc.get("auditCursor") instanceof Number audit ? audit.intValue() : NOT_STARTED,
                doc.get("auditRevision") instanceof Number revision ? revision.intValue() : 0,
                doc.getDate("createdAt").toInstant(),
                doc.getString("createdBy"),
                ((Number) doc.get("version")).longValue());
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
