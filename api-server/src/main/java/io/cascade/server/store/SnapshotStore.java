package io.cascade.server.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.json.SnapshotJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newest stored copy of each namespace's snapshot, so start-up reads one document and the
 * revisions after it instead of the whole history. Derived data: a copy that is missing, damaged
 * (its checksum does not match) or unreadable is skipped with a warning, and the namespace is
 * replayed from its revisions instead.
 */
public final class SnapshotStore {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
    /** MongoDB refuses documents over 16 MiB; a larger snapshot is not stored (start-up replays instead). */
    private static final int MAX_BYTES = 15 * 1024 * 1024;

    private final MongoCollection<Document> snapshots;
    private final SnapshotJson codec;

    public SnapshotStore(MongoDatabase database, JsonMapper json) {
        this.snapshots = database.getCollection("snapshots");
        this.codec = new SnapshotJson(json);
    }

    /** Stores {@code snapshot} as its namespace's copy; false when it is too large to store. */
    public boolean save(Snapshot snapshot) {
        String data = codec.write(snapshot);
        if (data.length() > MAX_BYTES / 3 && data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            log.warn(
                    "Snapshot of {} at revision {} is over {} bytes; not stored, start-up replays it",
                    snapshot.namespace(),
                    snapshot.revision(),
                    MAX_BYTES);
            return false;
        }
        Document doc = new Document("_id", snapshot.namespace())
                .append("revision", snapshot.revision())
                .append("format", SnapshotJson.FORMAT)
                .append("sha256", sha256(data))
                .append("data", data);
        snapshots.replaceOne(Filters.eq("_id", snapshot.namespace()), doc, new ReplaceOptions().upsert(true));
        return true;
    }

    /** Every readable stored snapshot, by namespace. */
    public Map<String, Snapshot> all() {
        Map<String, Snapshot> out = new LinkedHashMap<>();
        for (Document doc : snapshots.find()) {
            String namespace = doc.getString("_id");
            Snapshot snapshot = read(namespace, doc);
            if (snapshot != null) {
                out.put(namespace, snapshot);
            }
        }
        return out;
    }

    private Snapshot read(String namespace, Document doc) {
        try {
            String data = doc.getString("data");
            if (data == null || !sha256(data).equals(doc.getString("sha256"))) {
                log.warn("Stored snapshot of {} is damaged (checksum mismatch); replaying its revisions", namespace);
                return null;
            }
            Snapshot snapshot = codec.read(data);
            if (!snapshot.namespace().equals(namespace)) {
                log.warn("Stored snapshot under {} is of {}; replaying its revisions", namespace, snapshot.namespace());
                return null;
            }
            return snapshot;
        } catch (RuntimeException e) {
            log.warn("Stored snapshot of {} is unreadable ({}); replaying its revisions", namespace, e.toString());
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
