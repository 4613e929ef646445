package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Start-up reads a stored snapshot and the revisions after it; a damaged or missing copy only costs a replay. */
class StoredSnapshotIT {

    private static final String CREATE = "mutation { createNamespace(name: \"kept\") { revision } }";
    private static final String PUT = "mutation($t: String!, $i: Int!) "
            + "{ putLayer(namespace: \"kept\", selector: {tenant: $t}, content: {i: $i}) { revision } }";
    private static final String RESOLVE =
            "query($t: String!, $at: Int) { resolveConfig(namespace: \"kept\", scope: {tenant: $t}, asOfRevision: $at) { revision config } }";

    @Test
    void aRestartFromAStoredSnapshotAnswersAsBefore() {
        try (TestServer server = TestServer.start()) {
            write(server.client(), 80);
            await().atMost(Duration.ofSeconds(20)).until(() -> storedRevision(server) >= 64);

            server.restart();

            assertAnswersAfter80Writes(server.client());
        }
    }

    @Test
    void aCleanStopStoresACopyOfEveryNamespaceThatMovedSinceItsLast() {
        try (TestServer server = TestServer.start()) {
            write(server.client(), 80);
            server.client().data("mutation { createNamespace(name: \"small\") { revision } }");
            assertThat(storedRevision(server, "small")).isZero();

            server.restart();

            assertThat(storedRevision(server, "kept")).isEqualTo(81);
            assertThat(storedRevision(server, "small")).isEqualTo(1);
            assertAnswersAfter80Writes(server.client());
        }
    }

    /** Copies are damaged or deleted after the last is stored, and a stop without its checkpoint keeps them so. */
    private static final Map<String, Object> NO_STOP_CHECKPOINT = Map.of("cascade.snapshots.stop-checkpoint", "PT0S");

    @Test
    void aDamagedStoredSnapshotIsIgnoredAndTheNamespaceReplayed() {
        try (TestServer server = TestServer.start(NO_STOP_CHECKPOINT)) {
            write(server.client(), 80);
            await().atMost(Duration.ofSeconds(20)).until(() -> storedRevision(server) >= 64);
            server.bean(MongoDatabase.class)
                    .getCollection("snapshots")
                    .updateOne(Filters.eq("_id", "kept"), Updates.set("data", "{\"format\": 1, \"layers\": [tampered"));

            server.restart();

            assertAnswersAfter80Writes(server.client());
        }
    }

    @Test
    void aMissingStoredSnapshotOnlyMeansAReplay() {
        try (TestServer server = TestServer.start(NO_STOP_CHECKPOINT)) {
            write(server.client(), 80);
            await().atMost(Duration.ofSeconds(20)).until(() -> storedRevision(server) >= 64);
            server.bean(MongoDatabase.class).getCollection("snapshots").deleteMany(new Document());

            server.restart();

            assertAnswersAfter80Writes(server.client());
        }
    }

    private static void write(GraphQlClient client, int count) {
        client.data(CREATE);
        write(client, 0, count);
    }

    private static void write(GraphQlClient client, int from, int count) {
        for (int i = from; i < from + count; i++) {
            client.data(PUT, vars("t", "t-" + (i % 10), "i", i));
        }
    }

    private static void assertAnswersAfter80Writes(GraphQlClient client) {
        assertThat(client.data(RESOLVE, vars("t", "t-3", "at", null)).get("resolveConfig"))
                .hasToString("{\"revision\":81,\"config\":{\"i\":73}}");
        assertThat(client.data(RESOLVE, vars("t", "t-3", "at", 20)).get("resolveConfig"))
                .hasToString("{\"revision\":20,\"config\":{\"i\":13}}");
        assertThat(client.data(PUT, vars("t", "t-3", "i", 1000))
                        .at("/putLayer/revision")
                        .asInt())
                .isEqualTo(82);
    }

    private static int storedRevision(TestServer server) {
        return storedRevision(server, "kept");
    }

    private static int storedRevision(TestServer server, String namespace) {
        Document copy = server.bean(MongoDatabase.class)
                .getCollection("snapshots")
                .find(Filters.eq("_id", namespace))
                .first();
        return copy == null ? 0 : copy.getInteger("revision");
    }
}
