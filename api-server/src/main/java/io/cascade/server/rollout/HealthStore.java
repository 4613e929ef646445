package io.cascade.server.rollout;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The {@code host_health} collection: each host's health reports, one document per report (the
 * requests, errors and p99 latency since its previous report, on one revision). Gates read the
 * reports of a stage's time window; reports older than a day are removed.
 */
final class HealthStore {

    /** One report. */
    record Report(String hostId, int revision, long requests, long errors, Double latencyP99Ms, Instant at) {}

    private final MongoCollection<Document> reports;

    HealthStore(MongoDatabase database) {
        this.reports = database.getCollection("host_health");
    }

    void ensureIndexes() {
        reports.createIndex(Indexes.ascending("namespace", "at"));
    }

    void add(String namespace, Report report) {
        reports.insertOne(new Document("namespace", namespace)
                .append("hostId", report.hostId())
                .append("revision", report.revision())
                .append("requests", report.requests())
                .append("errors", report.errors())
                .append("latencyP99Ms", report.latencyP99Ms())
                .append("at", Date.from(report.at())));
    }

    /** The reports of {@code namespace} made at or after {@code since}. */
    List<Report> since(String namespace, Instant since) {
        List<Report> out = new ArrayList<>();
        for (Document doc :
                reports.find(Filters.and(Filters.eq("namespace", namespace), Filters.gte("at", Date.from(since))))) {
            Object latency = doc.get("latencyP99Ms");
            out.add(new Report(
                    doc.getString("hostId"),
                    doc.getInteger("revision", 0),
                    ((Number) doc.get("requests")).longValue(),
                    ((Number) doc.get("errors")).longValue(),
                    latency instanceof Number number ? number.doubleValue() : null,
                    doc.getDate("at").toInstant()));
        }
        return out;
    }

    void removeOlderThan(Instant before) {
        reports.deleteMany(Filters.lt("at", Date.from(before)));
    }
}
