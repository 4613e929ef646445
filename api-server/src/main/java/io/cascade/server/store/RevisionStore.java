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
import io.cascade.evaluator.snapshot.Change;
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
    /** The longest bounded run {@link #load} reads by exact keys rather than as a range. */
    private static final int MAX_POINT_RANGE = 256;

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
        out.addAll(loadRange(namespace, after + POINT_READS, Integer.MAX_VALUE));
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

    /**
     * Revisions of {@code namespace} in {@code (after, upTo]}, oldest first. A short, bounded run is
     * read by exact keys (indexed everywhere); a long or open one as a range.
     */
    public List<RevisionRecord> load(String namespace, int after, int upTo) {
        if (upTo != Integer.MAX_VALUE && upTo - after <= MAX_POINT_RANGE) {
            List<RevisionRecord> out = new ArrayList<>(Math.max(0, upTo - after));
            for (int revision = after + 1; revision <= upTo; revision++) {
                RevisionRecord record = find(namespace, revision);
                if (record == null) {
                    break;
                }
                out.add(record);
            }
            return out;
        }
        return loadRange(namespace, after, upTo);
    }

    private List<RevisionRecord> loadRange(String namespace, int after, int upTo) {
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
        return change.accept(new Change.Visitor<>() {
            @Override
            public Document namespaceCreated(Change.NamespaceCreated created) {
                return doc.append("dimensions", created.dimensions());
            }

            @Override
            public Document layerPut(Change.LayerPut put) {
                return doc.append("selector", put.selector()).append("content", json.writeValueAsString(put.content()));
            }

            @Override
            public Document layerDeleted(Change.LayerDeleted deleted) {
                return doc.append("selector", deleted.selector());
            }

            @Override
            public Document schemaRegistered(Change.SchemaRegistered schema) {
                return doc.append("version", schema.version())
                        .append("schema", json.writeValueAsString(schema.schema()));
            }

            @Override
            public Document flagPut(Change.FlagPut flag) {
                return doc.append("key", flag.key()).append("document", json.writeValueAsString(flag.document()));
            }

            @Override
            public Document flagDeleted(Change.FlagDeleted flag) {
                return doc.append("key", flag.key());
            }

            @Override
            public Document segmentPut(Change.SegmentPut segment) {
                return doc.append("key", segment.key()).append("document", json.writeValueAsString(segment.document()));
            }

            @Override
            public Document segmentDeleted(Change.SegmentDeleted segment) {
                return doc.append("key", segment.key());
            }

            @Override
            public Document attributesDeclared(Change.AttributesDeclared declared) {
                return doc.append("attributes", json.writeValueAsString(declared.attributes()));
            }
        });
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

    /** The one reader of stored changes; an unknown kind or action is an error, never a guess. */
    private Change fromChangeDocument(Document doc) {
        String kind = doc.getString("kind");
        String action = doc.getString("action");
        switch (kind + "." + action) {
            case "namespace.create":
                return new Change.NamespaceCreated(doc.getList("dimensions", String.class));
            case "layer.put":
                return new Change.LayerPut(doc.getList("selector", String.class), parse(doc.getString("content")));
            case "layer.delete":
                return new Change.LayerDeleted(doc.getList("selector", String.class));
            case "schema.register":
                return new Change.SchemaRegistered(doc.getInteger("version"), parse(doc.getString("schema")));
            case "flag.put":
                return new Change.FlagPut(doc.getString("key"), parse(doc.getString("document")));
            case "flag.delete":
                return new Change.FlagDeleted(doc.getString("key"));
            case "segment.put":
                return new Change.SegmentPut(doc.getString("key"), parse(doc.getString("document")));
            case "segment.delete":
                return new Change.SegmentDeleted(doc.getString("key"));
            case "attributes.put":
                Map<String, Object> attributes = parse(doc.getString("attributes"));
                Map<String, String> types = new LinkedHashMap<>();
                attributes.forEach((path, type) -> types.put(path, String.valueOf(type)));
                return new Change.AttributesDeclared(types);
            default:
                throw new IllegalStateException("stored change of unknown kind '" + kind + "' and action '" + action
                        + "'; this build cannot read it");
        }
    }

    private Map<String, Object> parse(String text) {
        return json.readValue(text, OBJECT);
    }
}
