package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server whose store goes away, with real processes: server A serves its embedded store on a
 * port, server B uses that store through {@code CASCADE_MONGODB_URI}. A is killed ({@code kill
 * -9}): B reports itself down (but alive), keeps answering reads from memory and refuses writes with
 * {@code STORE_UNAVAILABLE}, at once and without piling up. A restarts on the same data and port: B
 * is up again without a restart, writes work, and every write acknowledged before is there.
 */
class StoreOutageIT {

    private static final String NAMESPACE = "outage";
    private static final String PUT = "mutation($s: JSON!, $c: JSON!, $m: String) { putLayer(namespace: \"" + NAMESPACE
            + "\", selector: $s, content: $c, message: $m) { revision } }";
    private static final String RESOLVE =
            "query($s: JSON!) { resolveConfig(namespace: \"" + NAMESPACE + "\", scope: $s) { revision config } }";
    private static final String EVALUATE = "query($c: JSON!) { evaluateFlags(namespace: \"" + NAMESPACE
            + "\", environment: \"prod\", context: $c) { key value reason } }";
    private static final String HISTORY = "query($after: String) { history(namespace: \"" + NAMESPACE
            + "\", first: 100, after: $after) { edges { node { revision message } } pageInfo { hasNextPage endCursor } } }";
    private static final String FLAG = """
        { "key": "checkout", "type": "boolean", "variations": { "on": true, "off": false },
          "environments": { "prod": { "enabled": true, "offVariation": "off",
            "rules": [ { "id": "pro", "when": "plan == \\"pro\\"", "serve": "on" } ],
            "fallthrough": { "serve": "off" } } } }
        """;
    private static final Map<String, String> PROD = Map.of("environment", "prod");
    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(10);
    private static final Duration REFUSED_AT_ONCE = Duration.ofSeconds(5);

    @TempDir
    Path storeData;

    @TempDir
    Path replicaData;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readsGoOnAndWritesAreRefusedWhileTheStoreIsGoneAndBothResumeWhenItReturns() throws Exception {
        String storePort = Integer.toString(freePort());
        Map<String, String> serveStore = Map.of("CASCADE_EMBEDDED_MONGO_PORT", storePort);
        ServerProcess store = ServerProcess.start(storeData, serveStore);
        try (ServerProcess replica =
                ServerProcess.start(replicaData, Map.of("CASCADE_MONGODB_URI", "mongodb://127.0.0.1:" + storePort))) {
            GraphQlClient admin = replica.client();
            admin.data("mutation { createNamespace(name: \"" + NAMESPACE + "\") { revision } }");
            admin.data(
                    "mutation($f: JSON!) { putFlag(namespace: \"" + NAMESPACE + "\", flag: $f) { revision } }",
                    vars("f", json(FLAG)));
            String sdkSecret = admin.data(SecurityIT.CREATE_KEY, vars("n", NAMESPACE, "r", "SDK", "e", "prod"))
                    .at("/createApiKey/secret")
                    .asString();
            GraphQlClient sdk = replica.client().withKey(sdkSecret);
            Map<Integer, String> acknowledged = new LinkedHashMap<>();
            acknowledged.put(1, "");
            acknowledged.put(2, "");
            for (int n = 1; n <= 5; n++) {
                int revision = admin.data(PUT, vars("s", PROD, "c", Map.of("pool", n), "m", "write " + n))
                        .at("/putLayer/revision")
                        .asInt();
                acknowledged.put(revision, "write " + n);
            }
            int head = acknowledged.keySet().stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElseThrow();
            assertThat(health(replica, "")).isEqualTo(new Health(200, "UP"));

            store.kill();

            CompletableFuture<GraphQlClient.Response> firstWrite = CompletableFuture.supplyAsync(
                    () -> admin.post(PUT, vars("s", PROD, "c", Map.of("pool", 99), "m", "lost")));
            await("the first write after the store went away is answered")
                    .atMost(Duration.ofSeconds(6))
                    .until(firstWrite::isDone);
            assertThat(firstWrite.join().code()).isEqualTo("STORE_UNAVAILABLE");
            await("the replica reports the store down")
                    .atMost(OUTAGE_NOTICED)
                    .until(() -> health(replica, "").equals(new Health(503, "DOWN")));
            SoftAssertions outage = new SoftAssertions();
            outage.assertThat(health(replica, "/readiness")).isEqualTo(new Health(503, "DOWN"));
            outage.assertThat(health(replica, "/liveness")).isEqualTo(new Health(200, "UP"));

            JsonNode resolved = admin.data(RESOLVE, vars("s", PROD)).get("resolveConfig");
            outage.assertThat(resolved.get("revision").asInt()).isEqualTo(head);
            outage.assertThat(resolved.at("/config/pool").asInt()).isEqualTo(5);
            JsonNode evaluated = sdk.data(EVALUATE, vars("c", Map.of("targetingKey", "u1", "plan", "pro")))
                    .get("evaluateFlags");
            outage.assertThat(evaluated.get(0).get("value").asBoolean()).isTrue();
            outage.assertThat(evaluated.get(0).get("reason").asString()).isEqualTo("TARGETING_MATCH");
            outage.assertThat(history(admin)).as("history from memory").isEqualTo(acknowledged);
            outage.assertAll();

            List<GraphQlClient.Response> refused = refuseConcurrently(admin, 8);
            assertThat(refused).allSatisfy(response -> {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.code()).isEqualTo("STORE_UNAVAILABLE");
            });
            await("a new key is refused at once")
                    .atMost(REFUSED_AT_ONCE)
                    .until(() -> "STORE_UNAVAILABLE"
                            .equals(admin.post(SecurityIT.CREATE_KEY, vars("n", NAMESPACE, "r", "VIEWER"))
                                    .code()));
            GraphQlClient.Response unknownKey = replica.client()
                    .withKey("cas_k_aaaaaaaaaaaaaaaa_" + "A".repeat(43))
                    .post(RESOLVE, vars("s", PROD));
            assertThat(unknownKey.status()).as("a key only the store knows").isEqualTo(503);
            assertThat(unknownKey.code()).isEqualTo("STORE_UNAVAILABLE");

            store = ServerProcess.start(storeData, serveStore);

            await("the replica reports the store up again")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> health(replica, "").equals(new Health(200, "UP")));
            assertThat(health(replica, "/readiness")).isEqualTo(new Health(200, "UP"));
            int next = admin.data(PUT, vars("s", PROD, "c", Map.of("pool", 6), "m", "after"))
                    .at("/putLayer/revision")
                    .asInt();
            assertThat(next).as("the write after the outage").isEqualTo(head + 1);
            acknowledged.put(next, "after");
            assertThat(history(store.client())).as("history in the store").isEqualTo(acknowledged);
            assertThat(occurrences(replica.output(), "Store unreachable"))
                    .as("the outage is logged once")
                    .isEqualTo(1);
            assertThat(replica.output()).doesNotContain("Store refresh failed");
        } finally {
            store.close();
        }
    }

    /** Writers racing into a namespace whose store is gone: each is refused at once. */
    private static List<GraphQlClient.Response> refuseConcurrently(GraphQlClient admin, int writers) {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<CompletableFuture<GraphQlClient.Response>> answers = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Map<String, Object> variables = vars("s", PROD, "c", Map.of("pool", 100 + w), "m", "refused");
                answers.add(CompletableFuture.supplyAsync(() -> admin.post(PUT, variables), pool));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
            await("every writer is answered").atMost(REFUSED_AT_ONCE).until(all::isDone);
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private record Health(int status, String body) {}

    private Health health(ServerProcess server, String probe) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/actuator/health" + probe))
                .timeout(Duration.ofSeconds(2))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String status =
                GraphQlClient.JSON.readTree(response.body()).path("status").asString("");
        return new Health(response.statusCode(), status);
    }

    private static Map<Integer, String> history(GraphQlClient client) {
        Map<Integer, String> revisions = new LinkedHashMap<>();
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

    private static int occurrences(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
