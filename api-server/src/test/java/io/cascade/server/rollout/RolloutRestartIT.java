package io.cascade.server.rollout;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerProcess;
import io.cascade.testsupport.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A server killed in the middle of a stage's bake time, restarted on its data: the rollout goes on where it was. */
class RolloutRestartIT {

    private static final Map<String, String> FAST = Map.of(
            "CASCADE_ROLLOUT_TICK", "PT0.2S",
            "CASCADE_ROLLOUT_LEASE", "PT2S");
    private static final String ROLLOUT = "query($id: ID!) { rollout(namespace: \"restart\", id: $id) "
            + "{ state currentStage stageStartedAt bakedSeconds stages { name } } }";

    @Test
    void aServerKilledMidBakeResumesTheRolloutWithoutRestartingItsBakeTimer() throws Exception {
        Path data = Files.createTempDirectory("cascade-rollout-restart-");
        ServerProcess server = ServerProcess.start(data, FAST);
        try {
            GraphQlClient admin = server.client();
            admin.data("mutation { createNamespace(name: \"restart\") { revision } }");
            String id = admin.data(
                            "mutation($p: JSON!, $c: JSON) { startRollout(namespace: \"restart\", plan: $p, changes: $c) { id } }",
                            vars(
                                    "p",
                                    json(
                                            "{\"stages\": [{\"name\": \"first\", \"hosts\": {\"percent\": 10}, \"bakeSeconds\": 25},"
                                                    + " {\"name\": \"second\", \"hosts\": {\"all\": true}, \"bakeSeconds\": 3600}]}"),
                                    "c",
                                    json("[{\"op\": \"putLayer\", \"selector\": {}, \"content\": {\"limit\": 2}}]")))
                    .at("/startRollout/id")
                    .asString();
            JsonNode before = rollout(admin, id);
            assertThat(before.get("currentStage").asInt()).isZero();
            Instant stageStarted = Instant.parse(before.get("stageStartedAt").asString());

            server.kill();
            server = ServerProcess.start(data, FAST);
            Instant ready = Instant.now();
            GraphQlClient restarted = server.client();

            JsonNode after = rollout(restarted, id);
            assertThat(after.get("state").asString()).isEqualTo("RUNNING");
            assertThat(after.get("currentStage").asInt()).isZero();
            assertThat(Instant.parse(after.get("stageStartedAt").asString())).isEqualTo(stageStarted);
            assertThat(after.get("bakedSeconds").asLong())
                    .as("bake time spent before the kill still counts")
                    .isGreaterThanOrEqualTo(
                            Duration.between(stageStarted, ready).getSeconds() - 1);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(
                                    rollout(restarted, id).get("currentStage").asInt())
                            .isEqualTo(1));
            JsonNode moved = rollout(restarted, id);
            assertThat(Instant.parse(moved.get("stageStartedAt").asString()))
                    .as("the second stage began once the first one's 25 s had passed, counted from its start")
                    .isAfterOrEqualTo(stageStarted.plusSeconds(25))
                    .as("not 25 s after the restart: the bake timer was not restarted")
                    .isBefore(ready.plusSeconds(25));
            assertThat(restarted
                            .post(
                                    "mutation { putLayer(namespace: \"restart\", selector: {}, content: {limit: 3}) { revision } }")
                            .code())
                    .isEqualTo("ROLLOUT_IN_PROGRESS");
        } finally {
            server.close();
            TempDirs.delete(data);
        }
    }

    private static JsonNode rollout(GraphQlClient client, String id) {
        return client.data(ROLLOUT, vars("id", id)).get("rollout");
    }
}
