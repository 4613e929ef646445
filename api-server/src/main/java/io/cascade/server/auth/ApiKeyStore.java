package io.cascade.server.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * API keys in the {@code api_keys} collection. Secrets are never stored, only their hashes. Keys
 * are few and read whole into memory, and {@code _id} is the only lookup, so there is no index.
 */
public final class ApiKeyStore {

    private final MongoCollection<Document> keys;

    public ApiKeyStore(MongoDatabase database) {
        this.keys = database.getCollection("api_keys");
    }

    public void insert(ApiKey key) {
        keys.insertOne(new Document("_id", key.id())
                .append("hash", key.hash())
                .append("namespace", key.namespace())
                .append("role", key.role() == null ? null : key.role().name())
                .append("environment", key.environment())
                .append("description", key.description())
                .append("platformAdmin", key.platformAdmin())
                .append("createdAt", Date.from(key.createdAt()))
                .append("createdBy", key.createdBy())
                .append("revokedAt", null));
    }

    /** Marks the key revoked; false if it was already revoked or does not exist. */
    public boolean revoke(String id, Instant when) {
        return keys.updateOne(
                                Filters.and(Filters.eq("_id", id), Filters.eq("revokedAt", null)),
                                Updates.set("revokedAt", Date.from(when)))
                        .getModifiedCount()
                == 1;
    }

    /** The key with this id, or null. */
    public ApiKey find(String id) {
        Document doc = keys.find(Filters.eq("_id", id)).first();
        return doc == null ? null : fromDocument(doc);
    }

    public List<ApiKey> all() {
        List<ApiKey> out = new ArrayList<>();
        for (Document doc : keys.find()) {
            out.add(fromDocument(doc));
        }
        return out;
    }

    private static ApiKey fromDocument(Document doc) {
        String role = doc.getString("role");
        Date revoked = doc.getDate("revokedAt");
        return new ApiKey(
                doc.getString("_id"),
                doc.getString("hash"),
                doc.getString("namespace"),
                role == null ? null : Role.valueOf(role),
                doc.getString("environment"),
                doc.getString("description"),
                Boolean.TRUE.equals(doc.getBoolean("platformAdmin")),
                doc.getDate("createdAt").toInstant(),
                doc.getString("createdBy"),
                revoked == null ? null : revoked.toInstant());
    }
}
