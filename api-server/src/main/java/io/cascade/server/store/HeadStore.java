package io.cascade.server.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * One small document per namespace with its latest revision, and the latest one whose audit entry
 * was written: what replicas compare against to find what they missed, without reading the
 * revisions. Derived data: written after each commit, possibly behind after a crash, and repairable
 * from the revisions, which stay the truth.
 */
public final class HeadStore {

    private final MongoCollection<Document> heads;

    public HeadStore(MongoDatabase database) {
        this.heads = database.getCollection("namespace_heads");
    }

    /** A namespace's head as stored. */
    public record Head(int revision, int audited) {}

    /** Moves the head forward to {@code revision} (never back); {@code audited} says its audit entry is written. */
    public void advance(String namespace, int revision, boolean audited) {
        heads.updateOne(
                Filters.eq("_id", namespace),
                audited
                        ? Updates.combine(Updates.max("revision", revision), Updates.max("audited", revision))
                        : Updates.max("revision", revision),
                new UpdateOptions().upsert(true));
    }

    /** Every namespace's head; a small collection, read whole. */
    public Map<String, Head> all() {
        Map<String, Head> out = new HashMap<>();
        for (Document doc : heads.find()) {
            out.put(doc.getString("_id"), new Head(number(doc, "revision"), number(doc, "audited")));
        }
        return out;
    }

    private static int number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number number ? number.intValue() : 0;
    }
}
