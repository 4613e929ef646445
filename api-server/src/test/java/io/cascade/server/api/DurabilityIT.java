package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Nothing acknowledged is lost: writers commit as fast as they can while the server process is
 * killed with {@code kill -9} at random moments and restarted on the same data directory. Every
 * write that was answered with a revision is there afterwards, with the same content under the
 * same number; history has no gaps; the audit chain verifies.
 */
class DurabilityIT {

    private static final String NAMESPACE = "durable";
    private static final int KILLS = 4;
    private static final int WRITERS = 3;
    private static final String PUT = "mutation($s: JSON!, $c: JSON!, $m: String) " + "{ putLayer(namespace: \""
            + NAMESPACE + "\", selector: $s, content: $c, message: $m) { revision } }";
    private static final String HISTORY = "query($after: String) { history(namespace: \"" + NAMESPACE
            + "\", first: 100, after: $after) { edges { node { revision message } } pageInfo { hasNextPage endCursor } } }";
    private static final String VERIFY = "{ verifyAudit(namespace: \"" + NAMESPACE + "\") { valid entries reason } }";

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        Random random = new Random();
        AtomicInteger label = new AtomicInteger();
        for (int kill = 0; kill < KILLS; kill++) {
            ServerProcess server = ServerProcess.start(dataDir);
            GraphQlClient client = server.client();
            if (kill == 0) {
                client.data("mutation { createNamespace(name: \"" + NAMESPACE + "\") { revision } }");
                acknowledged.put(1, "");
            }
            int target = acknowledged.size() + 20 + random.nextInt(120);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Thread writer = new Thread(() -> write(client, acknowledged, label, stop), "writer-" + w);
                writer.start();
                writers.add(writer);
            }
            while (acknowledged.size() < target) {
                Thread.onSpinWait();
            }
            server.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }

        try (ServerProcess server = ServerProcess.start(dataDir)) {
            GraphQlClient client = server.client();
            Map<Integer, String> history = history(client);
            SoftAssertions soft = new SoftAssertions();
            int head =
                    history.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            soft.assertThat(history.keySet())
                    .as("revisions 1..%d without gaps", head)
                    .hasSize(head);
            acknowledged.forEach((revision, message) -> soft.assertThat(history.get(revision))
                    .as("acknowledged revision %d", revision)
                    .isEqualTo(message));
            // Revisions the kill left without an audit entry are recorded by the repair beside the start.
            JsonNode verification = org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(
                            () -> client.data(VERIFY).get("verifyAudit"),
                            found -> found.get("valid").asBoolean());
            soft.assertThat(verification.get("valid").asBoolean())
                    .as("audit: %s", verification)
                    .isTrue();
            soft.assertThat(verification.get("entries").asInt()).isGreaterThanOrEqualTo(head);
            soft.assertThat(client.data(PUT, vars("s", json("{}"), "c", json("{\"after\": true}"), "m", "after"))
                            .at("/putLayer/revision")
                            .asInt())
                    .as("the next write continues the numbering")
                    .isEqualTo(head + 1);
            soft.assertAll();
        }
    }

    /** Writes until stopped or refused; records each acknowledged revision with its unique message. */
    private static void write(
            GraphQlClient client, Map<Integer, String> acknowledged, AtomicInteger label, AtomicBoolean stop) {
        while (!stop.get()) {
            int n = label.incrementAndGet();
            String message = "write " + n;
            GraphQlClient.Response response;
            try {
                response = client.post(
                        PUT,
                        vars(
                                "s",
                                Map.of("tenant", "t-" + (n % 40)),
                                "c",
                                Map.of("n", n, "text", "value " + n),
                                "m",
                                message));
            } catch (RuntimeException connectionLost) {
                return;
            }
            JsonNode revision = response.body().at("/data/putLayer/revision");
            if (response.status() != 200 || !response.errors().isEmpty() || !revision.isNumber()) {
                return;
            }
            acknowledged.put(revision.asInt(), message);
        }
    }

    private static Map<Integer, String> history(GraphQlClient client) {
        Map<Integer, String> revisions = new ConcurrentHashMap<>();
        String after = null;
        while (true) {
            JsonNode page = client.data(HISTORY, vars("after", after)).get("history");
            for (JsonNode edge : page.get("edges")) {
                JsonNode node = edge.get("node");
                revisions.put(node.get("revision").asInt(), node.path("message").asString(""));
            }
            if (!page.at("/pageInfo/hasNextPage").asBoolean()) {
                return revisions;
            }
            after = page.at("/pageInfo/endCursor").asString();
        }
    }
}
