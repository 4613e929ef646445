package io.cascade.server.change;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.cascade.server.auth.Role;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** The environment policies: one document per namespace and environment. */
public final class PolicyStore {

    private final MongoCollection<Document> policies;

    public PolicyStore(MongoDatabase database) {
        this.policies = database.getCollection("policies");
    }

    public void ensureIndexes() {
        policies.createIndex(Indexes.ascending("namespace"));
    }

    public void put(String namespace, EnvironmentPolicy policy) {
        Document doc = new Document("_id", namespace + "/" + policy.environment())
                .append("namespace", namespace)
                .append("environment", policy.environment())
                .append("requiredApprovals", policy.requiredApprovals())
                .append("approverRole", policy.approverRole().name())
                .append(
                        "expiresAfterSeconds",
                        policy.expiresAfter() == null
                                ? null
                                : policy.expiresAfter().toSeconds())
                .append("updatedAt", Date.from(policy.updatedAt()))
                .append("updatedBy", policy.updatedBy());
        policies.replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
    }

    /** The policies of a namespace by environment, in name order. */
    public Map<String, EnvironmentPolicy> of(String namespace) {
        Map<String, EnvironmentPolicy> out = new TreeMap<>();
        for (Document doc : policies.find(Filters.eq("namespace", namespace))) {
            Object seconds = doc.get("expiresAfterSeconds");
            EnvironmentPolicy policy = new EnvironmentPolicy(
                    doc.getString("environment"),
                    ((Number) doc.get("requiredApprovals")).intValue(),
                    Role.valueOf(doc.getString("approverRole")),
                    seconds instanceof Number n ? Duration.ofSeconds(n.longValue()) : null,
                    doc.getDate("updatedAt").toInstant(),
                    doc.getString("updatedBy"));
            out.put(policy.environment(), policy);
        }
        return out;
    }
}
