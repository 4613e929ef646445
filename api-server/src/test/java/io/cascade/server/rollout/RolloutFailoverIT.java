package io.cascade.server.rollout;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerProcess;
import io.cascade.testsupport.TempDirs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes sharing a store, each with an orchestrator: one drives the rollout at a
 * time; killed, the other takes over within the lease time and carries the rollout on. (A third
 * process holds the embedded store and never takes a lease.)
 */
class RolloutFailoverIT {

    private static final String ROLLOUT = "query($id: ID!) { rollout(namespace: \"failover\", id: $id) "
            + "{ state currentStage stageStartedAt orchestrator } }";

    @Test
    void oneOrchestratorAtATimeAndTheOtherTakesOverWithinTheLeaseTime() throws Exception {
        int storePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            storePort = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("cascade-rollout-failover-");
        ServerProcess store = null;
        ServerProcess a = null;
        ServerProcess b = null;
        try {
            store = ServerProcess.start(
                    data.resolve("store"),
                    Map.of("CASCADE_EMBEDDED_MONGO_PORT", Integer.toString(storePort), "CASCADE_ROLLOUT_TICK", "PT1H"));
            Map<String, String> shared = Map.of(
                    "CASCADE_MONGODB_URI", "mongodb://127.0.0.1:" + storePort,
                    "CASCADE_ROLLOUT_TICK", "PT0.2S",
                    "CASCADE_ROLLOUT_LEASE", "PT3S");
            a = ServerProcess.start(data.resolve("a"), shared);
            b = ServerProcess.start(data.resolve("b"), shared);
            GraphQlClient admin = store.client();
            admin.data("mutation { createNamespace(name: \"failover\") { revision } }");
            String id = admin.data(
                            "mutation($p: JSON!, $c: JSON) { startRollout(namespace: \"failover\", plan: $p, changes: $c) { id } }",
                            vars(
                                    "p",
                                    json("{\"stages\": [{\"hosts\": {\"percent\": 5}, \"bakeSeconds\": 12},"
                                            + " {\"hosts\": {\"all\": true}, \"bakeSeconds\": 3600}]}"),
                                    "c",
                                    json("[{\"op\": \"putLayer\", \"selector\": {}, \"content\": {\"limit\": 2}}]")))
                    .at("/startRollout/id")
                    .asString();

            String holder = await().atMost(Duration.ofSeconds(20))
                    .until(() -> rollout(admin, id).path("orchestrator").asString(null), found -> found != null);
            await().alias("one orchestrator at a time")
                    .during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> holder.equals(
                            rollout(admin, id).path("orchestrator").asString(null)));
            ServerProcess driving = pidOf(holder) == a.pid() ? a : b;
            ServerProcess other = driving == a ? b : a;
            assertThat(pidOf(holder)).isEqualTo(driving.pid());
            Instant stageStarted =
                    Instant.parse(rollout(admin, id).path("stageStartedAt").asString());

            driving.kill();
            Instant killed = Instant.now();
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(pidOf(
                                    rollout(admin, id).path("orchestrator").asString("none:0:x")))
                            .isEqualTo(other.pid()));
            assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(15));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(
                                    rollout(admin, id).path("currentStage").asInt())
                            .isEqualTo(1));
            assertThat(Instant.parse(rollout(admin, id).path("stageStartedAt").asString()))
                    .isAfterOrEqualTo(stageStarted.plusSeconds(12));
        } finally {
            for (ServerProcess process : new ServerProcess[] {b, a, store}) {
                if (process != null) {
                    process.close();
                }
            }
            TempDirs.delete(data);
        }
    }

    private static JsonNode rollout(GraphQlClient client, String id) {
        return client.data(ROLLOUT, vars("id", id)).get("rollout");
    }

    private static long pidOf(String orchestrator) {
        String[] parts = orchestrator.split(":");
        return parts.length < 2 ? -1 : Long.parseLong(parts[parts.length - 2]);
    }
}
