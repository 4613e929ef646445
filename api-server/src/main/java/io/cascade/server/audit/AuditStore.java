package io.cascade.server.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Audit entries in the {@code audit} collection; {@code (namespace, sequence)} is unique. */
public final class AuditStore {

    private final MongoCollection<Document> entries;

    public AuditStore(MongoDatabase database) {
        this.entries = database.getCollection("audit");
    }

    public void ensureIndexes() {
        entries.createIndex(
                Indexes.ascending("namespace", "sequence"),
                new IndexOptions().unique(true).name("namespace_sequence"));
    }

    /** Appends; false if that sequence number is taken (another writer appended first). */
    public boolean insert(AuditEntry entry) {
        try {
            entries.insertOne(toDocument(entry));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The entry at {@code sequence}, or null; an exact-key read, answered from the unique index. */
    public AuditEntry find(String namespace, int sequence) {
        // A plain document, not Filters.and: the embedded store uses its index only for exact keys.
        Document doc = entries.find(new Document("namespace", namespace).append("sequence", sequence))
                .first();
        return doc == null ? null : fromDocument(doc);
    }

    /**
     * Up to {@code limit} entries after {@code afterSequence}, oldest first, each read by its exact
     * key: a chain's sequence numbers have no gaps, so the first one missing ends the run.
     */
    public List<AuditEntry> loadAfter(String namespace, int afterSequence, int limit) {
        List<AuditEntry> out = new ArrayList<>();
        for (int sequence = afterSequence + 1; out.size() < limit; sequence++) {
            AuditEntry entry = find(namespace, sequence);
            if (entry == null) {
                break;
            }
            out.add(entry);
        }
        return out;
    }

    /** The newest entry of the chain, or null for an empty chain. */
    public AuditEntry last(String namespace) {
        Document doc = entries.find(Filters.eq("namespace", namespace))
                .sort(Sorts.descending("sequence"))
                .first();
        return doc == null ? null : fromDocument(doc);
    }

    /** Entries newest first, older than {@code beforeSequence}, matching the filters (null = any). */
    public List<AuditEntry> page(
            String namespace,
            int beforeSequence,
            int limit,
            String actor,
            String action,
            Instant since,
            Instant until) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("namespace", namespace));
        filters.add(Filters.lt("sequence", beforeSequence));
        if (actor != null) {
            filters.add(Filters.or(Filters.eq("actor", actor), Filters.eq("actorKeyId", actor)));
        }
        if (action != null) {
            filters.add(Filters.eq("action", action));
        }
        if (since != null) {
            filters.add(Filters.gte("at", Date.from(since)));
        }
        if (until != null) {
            filters.add(Filters.lt("at", Date.from(until)));
        }
        List<AuditEntry> out = new ArrayList<>();
        for (Document doc : entries.find(Filters.and(filters))
                .sort(Sorts.descending("sequence"))
                .limit(limit)) {
            out.add(fromDocument(doc));
        }
        return out;
    }

    /** The whole chain, oldest first. */
    public List<AuditEntry> chain(String namespace) {
        List<AuditEntry> out = new ArrayList<>();
        for (Document doc : entries.find(Filters.eq("namespace", namespace)).sort(Sorts.ascending("sequence"))) {
            out.add(fromDocument(doc));
        }
        return out;
    }

    /** The revisions the chain has entries for. */
    public Set<Integer> auditedRevisions(String namespace) {
        Set<Integer> revisions = new HashSet<>();
        for (Document doc : entries.find(Filters.and(Filters.eq("namespace", namespace), Filters.ne("revision", null)))
                .projection(new Document("revision", 1))) {
            revisions.add(doc.getInteger("revision"));
        }
        return revisions;
    }

    private static Document toDocument(AuditEntry entry) {
        return new Document("namespace", entry.namespace())
                .append("sequence", entry.sequence())
                .append("action", entry.action())
                .append("actorKeyId", entry.actorKeyId())
                .append("actor", entry.actor())
                .append("at", Date.from(entry.at()))
                .append("atText", entry.at().toString())
                .append("revision", entry.revision())
                .append("requestId", entry.requestId())
                .append("target", entry.target())
                .append("before", entry.before())
                .append("after", entry.after())
                .append("message", entry.message())
                .append("previousHash", entry.previousHash())
                .append("hash", entry.hash());
    }

    private static AuditEntry fromDocument(Document doc) {
        return new AuditEntry(
                doc.getString("namespace"),
                doc.getInteger("sequence"),
                doc.getString("action"),
                doc.getString("actorKeyId"),
                doc.getString("actor"),
                Instant.parse(doc.getString("atText")),
                doc.getInteger("revision"),
                doc.getString("requestId"),
                doc.getString("target"),
                doc.getString("before"),
                doc.getString("after"),
                doc.getString("message"),
                doc.getString("previousHash"),
                doc.getString("hash"));
    }
}
