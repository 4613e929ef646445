package io.cascade.server.change;

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
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Change requests, one document each, numbered per namespace from 1. The unique {@code (namespace,
 * number)} index makes taking a number a compare-and-set, and each update names the version it
 * replaces. The changes are kept as JSON text: layer content may hold keys MongoDB would not store.
 */
public final class ChangeRequestStore {

    private final MongoCollection<Document> requests;
    private final JsonMapper json;

    public ChangeRequestStore(MongoDatabase database, JsonMapper json) {
        this.requests = database.getCollection("changeRequests");
        this.json = json;
    }

    public void ensureIndexes() {
        requests.createIndex(Indexes.ascending("namespace", "number"), new IndexOptions().unique(true));
    }

    /** Stores {@code request} under the next free number; returns it as stored. */
    public ChangeRequest insert(ChangeRequest request) {
        for (int attempt = 0; ; attempt++) {
            Document last = requests.find(Filters.eq("namespace", request.namespace()))
                    .sort(Sorts.descending("number"))
                    .limit(1)
                    .first();
            int number = last == null ? 1 : last.getInteger("number") + 1;
            ChangeRequest numbered = new ChangeRequest(
                    request.namespace(),
                    number,
                    request.title(),
                    request.description(),
                    request.state(),
                    request.author(),
                    request.authorKeyId(),
                    request.baseRevision(),
                    request.changes(),
                    request.approvals(),
                    request.comments(),
                    request.environments(),
                    request.requiredApprovals(),
                    request.appliedRevision(),
                    request.createdAt(),
                    request.updatedAt(),
                    request.expiresAt(),
                    1);
            try {
                requests.insertOne(toDocument(numbered));
                return numbered;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    /** Replaces {@code previous} with {@code next} unless someone updated it first; returns next as stored, or null. */
    public ChangeRequest replace(ChangeRequest previous, ChangeRequest next) {
        ChangeRequest stored = new ChangeRequest(
                next.namespace(),
                next.number(),
                next.title(),
                next.description(),
                next.state(),
                next.author(),
                next.authorKeyId(),
                next.baseRevision(),
                next.changes(),
                next.approvals(),
                next.comments(),
                next.environments(),
                next.requiredApprovals(),
                next.appliedRevision(),
                next.createdAt(),
                next.updatedAt(),
                next.expiresAt(),
                previous.version() + 1);
        long matched = requests.replaceOne(
                        Filters.and(Filters.eq("_id", id(previous)), Filters.eq("version", previous.version())),
                        toDocument(stored))
                .getMatchedCount();
        return matched == 1 ? stored : null;
    }

    public ChangeRequest find(String namespace, int number) {
        Document doc =
                requests.find(Filters.eq("_id", namespace + "/" + number)).first();
        return doc == null ? null : fromDocument(doc);
    }

    /** Up to {@code limit} requests numbered below {@code before}, newest first, in one state or all. */
    public List<ChangeRequest> page(String namespace, ChangeRequest.State state, int before, int limit) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("namespace", namespace));
        filters.add(Filters.lt("number", before));
        if (state != null) {
            filters.add(Filters.eq("state", state.name()));
        }
        List<ChangeRequest> out = new ArrayList<>();
        for (Document doc : requests.find(Filters.and(filters))
                .sort(Sorts.descending("number"))
                .limit(limit)) {
            out.add(fromDocument(doc));
        }
        return out;
    }

    private static String id(ChangeRequest request) {
        return request.namespace() + "/" + request.number();
    }

    private Document toDocument(ChangeRequest r) {
        List<Document> approvals = new ArrayList<>();
        for (ChangeRequest.Approval a : r.approvals()) {
            approvals.add(new Document("actor", a.actor())
                    .append("keyId", a.keyId())
                    .append("role", a.role())
                    .append("at", Date.from(a.at()))
                    .append("comment", a.comment()));
        }
        List<Document> comments = new ArrayList<>();
        for (ChangeRequest.Comment c : r.comments()) {
            comments.add(new Document("actor", c.actor())
                    .append("keyId", c.keyId())
                    .append("kind", c.kind())
                    .append("at", Date.from(c.at()))
                    .append("text", c.text()));
        }
        return new Document("_id", id(r))
                .append("namespace", r.namespace())
                .append("number", r.number())
                .append("title", r.title())
                .append("description", r.description())
                .append("state", r.state().name())
                .append("author", r.author())
                .append("authorKeyId", r.authorKeyId())
                .append("baseRevision", r.baseRevision())
                .append("changes", json.writeValueAsString(r.changes()))
                .append("approvals", approvals)
                .append("comments", comments)
                .append("environments", r.environments())
                .append("requiredApprovals", r.requiredApprovals())
                .append("appliedRevision", r.appliedRevision())
                .append("createdAt", Date.from(r.createdAt()))
                .append("updatedAt", Date.from(r.updatedAt()))
                .append("expiresAt", r.expiresAt() == null ? null : Date.from(r.expiresAt()))
                .append("version", r.version());
    }

    private ChangeRequest fromDocument(Document doc) {
        List<ChangeRequest.Approval> approvals = new ArrayList<>();
        for (Document a : doc.getList("approvals", Document.class)) {
            approvals.add(new ChangeRequest.Approval(
                    a.getString("actor"),
                    a.getString("keyId"),
                    a.getString("role"),
                    a.getDate("at").toInstant(),
                    a.getString("comment")));
        }
        List<ChangeRequest.Comment> comments = new ArrayList<>();
        for (Document c : doc.getList("comments", Document.class)) {
            comments.add(new ChangeRequest.Comment(
                    c.getString("actor"),
                    c.getString("keyId"),
                    c.getString("kind"),
                    c.getDate("at").toInstant(),
                    c.getString("text")));
        }
        Date expires = doc.getDate("expiresAt");
        return new ChangeRequest(
                doc.getString("namespace"),
                doc.getInteger("number"),
                doc.getString("title"),
                doc.getString("description"),
                ChangeRequest.State.valueOf(doc.getString("state")),
                doc.getString("author"),
                doc.getString("authorKeyId"),
                doc.getInteger("baseRevision"),
                json.readValue(doc.getString("changes"), Object.class),
                approvals,
                comments,
                doc.getList("environments", String.class),
                doc.getInteger("requiredApprovals"),
                doc.getInteger("appliedRevision"),
                instant(doc.getDate("createdAt")),
                instant(doc.getDate("updatedAt")),
                expires == null ? null : expires.toInstant(),
                doc.getInteger("version"));
    }

    private static Instant instant(Date date) {
        return date.toInstant();
    }
}
