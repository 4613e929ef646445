package io.cascade.server.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and appends revisions. Content (layers, schemas) is kept as JSON text so that any key,
 * number and order survives exactly, whatever MongoDB allows in field names.
 */
public final class RevisionStore {

    private static final String COLLECTION = "revisions";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    /** How many revisions {@link #loadAfter} reads one by one before it reads the rest as a range. */
    private static final int POINT_READS = 16;

    private final MongoCollection<Document> revisions;
    private final JsonMapper json;

    public RevisionStore(MongoDatabase database, JsonMapper json) {
        this.revisions = database.getCollection(COLLECTION);
        this.json = json;
    }

    /** Creates the indexes; safe to call on every start. */
    public void ensureIndexes() {
        revisions.createIndex(
                Indexes.ascending("namespace", "revision"),
                new IndexOptions().unique(true).name("namespace_revision"));
    }

    /**
     * Appends a revision. Returns false when that revision number is already taken: another writer
     * committed first and the caller must re-read and decide again.
     */
    public boolean insert(RevisionRecord record) {
        try {
            revisions.insertOne(toDocument(record));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Revisions of {@code namespace} newer than {@code after}, oldest first. Usually there are none
     * or a few: those are found by exact key, which every store answers from its unique index
     * (the embedded one cannot use an index for a range), and only a longer run is read as a range.
     */
    public List<RevisionRecord> loadAfter(String namespace, int after) {
        List<RevisionRecord> out = new ArrayList<>();
        for (int revision = after + 1; revision <= after + POINT_READS; revision++) {
            RevisionRecord record = find(namespace, revision);
            if (record == null) {
                return out;
            }
            out.add(record);
        }
        out.addAll(load(namespace, after + POINT_READS, Integer.MAX_VALUE));
        return out;
    }

    /** One revision, or null when it does not exist (yet). */
    public RevisionRecord find(String namespace, int revision) {
        // A plain document, not Filters.and: the embedded store uses its index only for exact keys.
        Document doc = revisions
                .find(new Document("namespace", namespace).append("revision", revision))
                .first();
        return doc == null ? null : fromDocument(doc);
    }

    /** Revisions of {@code namespace} in {@code (after, upTo]}, oldest first. */
    public List<RevisionRecord> load(String namespace, int after, int upTo) {
        Bson filter = Filters.and(
                Filters.eq("namespace", namespace), Filters.gt("revision", after), Filters.lte("revision", upTo));
        return read(filter, Sorts.ascending("revision"), 0);
    }

    /** Up to {@code limit} revisions of {@code namespace} older than {@code before}, newest first. */
    public List<RevisionRecord> loadNewestFirst(String namespace, int before, int limit) {
        Bson filter = Filters.and(Filters.eq("namespace", namespace), Filters.lt("revision", before));
        return read(filter, Sorts.descending("revision"), limit);
    }

    /** Every revision of every namespace, by namespace then revision: what start-up replays. */
    public List<RevisionRecord> loadAll() {
        return read(new Document(), Sorts.ascending("namespace", "revision"), 0);
    }

    /** The latest revision of every namespace in the store, in one aggregation. */
    public Map<String, Integer> latestRevisions() {
        Map<String, Integer> latest = new HashMap<>();
        for (Document doc : revisions.aggregate(
                List.of(Aggregates.group("$namespace", Accumulators.max("revision", "$revision"))))) {
            latest.put(doc.getString("_id"), doc.getInteger("revision"));
        }
        return latest;
    }

    private List<RevisionRecord> read(Bson filter, Bson sort, int limit) {
        List<RevisionRecord> out = new ArrayList<>();
        for (Document doc : revisions.find(filter).sort(sort).limit(limit)) {
            out.add(fromDocument(doc));
        }
        return out;
    }

    private Document toDocument(RevisionRecord record) {
        List<Document> changes = new ArrayList<>();
        for (Change change : record.changes()) {
            changes.add(toDocument(change));
        }
        return new Document("namespace", record.namespace())
                .append("revision", record.revision())
                .append("action", record.action())
                .append("author", record.author())
                .append("authorKeyId", record.authorKeyId())
                .append("requestId", record.requestId())
                .append("message", record.message())
                .append("committedAt", Date.from(record.committedAt()))
                .append("changes", changes);
    }

    private Document toDocument(Change change) {
        Document doc = new Document("kind", change.kind()).append("action", change.action());
        if (change instanceof Change.NamespaceCreated created) {
            return doc.append("dimensions", created.dimensions());
        }
        if (change instanceof Change.LayerPut put) {
            return doc.append("selector", put.selector()).append("content", json.writeValueAsString(put.content()));
        }
        if (change instanceof Change.LayerDeleted deleted) {
            return doc.append("selector", deleted.selector());
        }
        if (change instanceof Change.FlagPut flag) {
            return doc.append("key", flag.key()).append("document", json.writeValueAsString(flag.document()));
        }
        if (change instanceof Change.FlagDeleted flag) {
            return doc.append("key", flag.key());
        }
        if (change instanceof Change.SegmentPut segment) {
            return doc.append("key", segment.key()).append("document", json.writeValueAsString(segment.document()));
        }
        if (change instanceof Change.SegmentDeleted segment) {
            return doc.append("key", segment.key());
        }
        if (change instanceof Change.AttributesDeclared declared) {
            return doc.append("attributes", json.writeValueAsString(declared.attributes()));
        }
        Change.SchemaRegistered schema = (Change.SchemaRegistered) change;
        return doc.append("version", schema.version()).append("schema", json.writeValueAsString(schema.schema()));
    }

    private RevisionRecord fromDocument(Document doc) {
        List<Change> changes = new ArrayList<>();
        for (Document change : doc.getList("changes", Document.class)) {
            changes.add(fromChangeDocument(change));
        }
        return new RevisionRecord(
                doc.getString("namespace"),
                doc.getInteger("revision"),
                doc.getString("action"),
                doc.getString("author"),
                doc.getString("authorKeyId"),
                doc.getString("requestId"),
                doc.getString("message"),
                doc.getDate("committedAt").toInstant(),
                changes);
    }

    private Change fromChangeDocument(Document doc) {
        String kind = doc.getString("kind");
        String action = doc.getString("action");
        if ("namespace".equals(kind)) {
            return new Change.NamespaceCreated(doc.getList("dimensions", String.class));
        }
        if ("layer".equals(kind) && "put".equals(action)) {
            return new Change.LayerPut(doc.getList("selector", String.class), parse(doc.getString("content")));
        }
        if ("layer".equals(kind)) {
            return new Change.LayerDeleted(doc.getList("selector", String.class));
        }
        if ("flag".equals(kind)) {
            return "put".equals(action)
                    ? new Change.FlagPut(doc.getString("key"), parse(doc.getString("document")))
                    : new Change.FlagDeleted(doc.getString("key"));
        }
        if ("attributes".equals(kind)) {
            Map<String, Object> attributes = parse(doc.getString("attributes"));
            Map<String, String> types = new LinkedHashMap<>();
            attributes.forEach((path, type) -> types.put(path, String.valueOf(type)));
            return new Change.AttributesDeclared(types);
        }
        if ("segment".equals(kind)) {
            return "put".equals(action)
                    ? new Change.SegmentPut(doc.getString("key"), parse(doc.getString("document")))
                    : new Change.SegmentDeleted(doc.getString("key"));
        }
        return new Change.SchemaRegistered(doc.getInteger("version"), parse(doc.getString("schema")));
    }

    private Map<String, Object> parse(String text) {
        return json.readValue(text, OBJECT);
    }
}
