package io.cascade.server.rollout;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code rollouts} collection: one document per rollout, its state changed only by
 * compare-and-set on {@code version}; and the orchestrator lease, {@code leaseOwner} and {@code
 * leaseUntil} in the same document, taken only when free or expired.
 */
final class RolloutStore {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final MongoCollection<Document> rollouts;
    private final JsonMapper json;

    RolloutStore(MongoDatabase database, JsonMapper json) {
        this.rollouts = database.getCollection("rollouts");
        this.json = json;
    }

    void ensureIndexes() {
        rollouts.createIndex(Indexes.ascending("namespace", "createdAt"));
        rollouts.createIndex(Indexes.ascending("state"));
    }

    /** Writes a rollout being started: replaced whole while its start is retried. */
    void put(Rollout rollout) {
        rollouts.replaceOne(Filters.eq("_id", rollout.id()), toDocument(rollout), new ReplaceOptions().upsert(true));
    }

    void delete(String id) {
        rollouts.deleteOne(Filters.eq("_id", id));
    }

    Optional<Rollout> find(String namespace, String id) {
        Document doc = rollouts.find(Filters.and(Filters.eq("_id", id), Filters.eq("namespace", namespace)))
                .first();
        return doc == null ? Optional.empty() : Optional.of(fromDocument(doc));
    }

    /** The rollouts of {@code namespace}, newest first, of {@code state} when it is not null. */
    List<Rollout> list(String namespace, RolloutState state) {
        Bson filter = state == null
                ? Filters.eq("namespace", namespace)
                : Filters.and(Filters.eq("namespace", namespace), Filters.eq("state", state.name()));
        return read(filter);
    }

    /**
     * Every RUNNING or PAUSED rollout, and every one whose abort is not finished, of every namespace,
     * or of one when {@code namespace} is not null.
     */
    List<Rollout> active(String namespace) {
        Bson active = Filters.or(
                Filters.in("state", RolloutState.RUNNING.name(), RolloutState.PAUSED.name()),
                Filters.and(Filters.eq("aborting", true), Filters.ne("state", RolloutState.ABORTED.name())));
        return read(namespace == null ? active : Filters.and(active, Filters.eq("namespace", namespace)));
    }

    /** Completed rollouts that finished at or after {@code since}: still within a rollback window, maybe. */
    List<Rollout> completedSince(Instant since) {
        return read(Filters.and(
                Filters.eq("state", RolloutState.COMPLETED.name()), Filters.gte("finishedAt", Date.from(since))));
    }

    private List<Rollout> read(Bson filter) {
        List<Rollout> out = new ArrayList<>();
        for (Document doc : rollouts.find(filter).sort(Sorts.descending("createdAt"))) {
            out.add(fromDocument(doc));
        }
        return out;
    }

    /**
     * Replaces the state of {@code next} if the stored one is still the version before it and, when
     * {@code leaseOwner} is not null, that owner still holds an unexpired lease (the fence: an
     * orchestrator that lost its lease cannot act any more).
     */
    boolean update(Rollout next, String leaseOwner, Instant now) {
        List<Bson> filters =
                new ArrayList<>(List.of(Filters.eq("_id", next.id()), Filters.eq("version", next.version() - 1)));
        if (leaseOwner != null) {
            filters.add(Filters.eq("leaseOwner", leaseOwner));
            filters.add(Filters.gt("leaseUntil", Date.from(now)));
        }
        Document doc = toDocument(next);
        doc.remove("_id");
        List<Bson> sets = new ArrayList<>();
        doc.forEach((key, value) -> sets.add(Updates.set(key, value)));
        return rollouts.updateOne(Filters.and(filters), Updates.combine(sets)).getModifiedCount() == 1;
    }

    /** Takes or renews the lease on rollout {@code id} for {@code owner} until {@code until}, if free or expired. */
    boolean lease(String id, String owner, Instant now, Instant until) {
        Bson free = Filters.or(
                Filters.eq("leaseOwner", owner),
                Filters.exists("leaseUntil", false),
                Filters.lte("leaseUntil", Date.from(now)));
        return rollouts.updateOne(
                                Filters.and(Filters.eq("_id", id), free),
                                Updates.combine(
                                        Updates.set("leaseOwner", owner), Updates.set("leaseUntil", Date.from(until))))
                        .getModifiedCount()
                == 1;
    }

    /** Who holds the lease of rollout {@code id} now, if anyone. */
    Optional<String> leaseHolder(String id, Instant now) {
        Document doc = rollouts.find(Filters.eq("_id", id)).first();
        if (doc == null
                || doc.getDate("leaseUntil") == null
                || !doc.getDate("leaseUntil").toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.ofNullable(doc.getString("leaseOwner"));
    }

    private Document toDocument(Rollout rollout) {
        Document doc = new Document("_id", rollout.id())
                .append("namespace", rollout.namespace())
                .append("kind", rollout.kind().name())
                .append("state", rollout.state().name())
                .append("plan", json.writeValueAsString(rollout.plan()))
                .append("baseRevision", rollout.baseRevision())
                .append("candidateRevision", rollout.candidateRevision())
                .append("currentStage", rollout.currentStage())
                .append("stageStartedAt", date(rollout.stageStartedAt()))
                .append("pausedAt", date(rollout.pausedAt()))
                .append("aborting", rollout.aborting())
                .append("abortReason", rollout.abortReason())
                .append("rollbackRevision", rollout.rollbackRevision())
                .append("createdAt", date(rollout.createdAt()))
                .append("finishedAt", date(rollout.finishedAt()))
                .append("author", rollout.author())
                .append("message", rollout.message())
                .append(
                        "flagBefore",
                        rollout.flagBefore() == null ? null : json.writeValueAsString(rollout.flagBefore()))
                .append("version", rollout.version());
        List<Document> results = new ArrayList<>();
        for (Rollout.StageCounts counts : rollout.stageResults()) {
            results.add(new Document("targeted", counts.targeted())
                    .append("applied", counts.applied())
                    .append("healthy", counts.healthy()));
        }
        doc.append("stageResults", results);
        return doc;
    }

    private Rollout fromDocument(Document doc) {
        List<Rollout.StageCounts> results = new ArrayList<>();
        for (Document counts : doc.getList("stageResults", Document.class, List.of())) {
            results.add(new Rollout.StageCounts(
                    counts.getInteger("targeted", 0),
                    counts.getInteger("applied", 0),
                    counts.getInteger("healthy", 0)));
        }
        String flagBefore = doc.getString("flagBefore");
        return new Rollout(
                doc.getString("_id"),
                doc.getString("namespace"),
                RolloutPlan.Kind.valueOf(doc.getString("kind")),
                RolloutState.valueOf(doc.getString("state")),
                json.readValue(doc.getString("plan"), OBJECT),
                doc.getInteger("baseRevision", 0),
                doc.getInteger("candidateRevision"),
                doc.getInteger("currentStage", 0),
                instant(doc.getDate("stageStartedAt")),
                instant(doc.getDate("pausedAt")),
                doc.getBoolean("aborting", false),
                doc.getString("abortReason"),
                doc.getInteger("rollbackRevision"),
                instant(doc.getDate("createdAt")),
                instant(doc.getDate("finishedAt")),
                doc.getString("author"),
                doc.getString("message"),
                flagBefore == null ? null : json.readValue(flagBefore, OBJECT),
                results,
                ((Number) doc.get("version")).longValue());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
