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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server stopped gracefully while its orchestrator ticks fast over running rollouts: the
 * orchestrator stops before the store closes, so the shutdown logs no failed tick and no stack trace.
 */
class RolloutShutdownIT {

    private static final Map<String, String> TICKING = Map.of(
            "CASCADE_ROLLOUT_TICK", "PT0.01S",
            "CASCADE_ROLLOUT_LEASE", "PT2S");

    @Test
    void aGracefulStopMidTickLogsNoFailureAndNoStackTrace() throws Exception {
        Path data = Files.createTempDirectory("cascade-rollout-shutdown-");
        ServerProcess server = ServerProcess.start(data, TICKING);
        try {
            GraphQlClient admin = server.client();
            for (int i = 0; i < 3; i++) {
                String namespace = "stop-" + i;
                admin.data("mutation($n: String!) { createNamespace(name: $n) { revision } }", vars("n", namespace));
                admin.data(
                        "mutation($ns: String!, $p: JSON!, $c: JSON) { startRollout(namespace: $ns, plan: $p, changes: $c) { id } }",
                        vars(
                                "ns",
                                namespace,
                                "p",
                                json(
                                        "{\"stages\": [{\"name\": \"one\", \"hosts\": {\"percent\": 10}, \"bakeSeconds\": 3600},"
                                                + " {\"name\": \"all\", \"hosts\": {\"all\": true}}]}"),
                                "c",
                                json("[{\"op\": \"putLayer\", \"selector\": {}, \"content\": {\"limit\": 2}}]")));
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(admin.data("{ rollouts(namespace: \"stop-2\") { edges { node { "
                                            + "stages { targeted } } } } }")
                                    .at("/rollouts/edges/0/node/stages/0/targeted")
                                    .isMissingNode())
                            .isFalse());

            server.close();

            String output = server.output();
            String shutdown = output.substring(Math.max(0, output.lastIndexOf("Started ")));
            assertThat(shutdown)
                    .as("what the server logged after it started")
                    .doesNotContain("Rollout tick failed")
                    .doesNotContain("step failed")
                    .doesNotContain("Could not audit")
                    .doesNotContain("cascade-rollout-orchestrator] ERROR")
                    .doesNotContainPattern("(?m)^\\s+at [a-z]")
                    .doesNotContain("Exception");
        } finally {
            server.close();
            TempDirs.delete(data);
        }
    }
}
