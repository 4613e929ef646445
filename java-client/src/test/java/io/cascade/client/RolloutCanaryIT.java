package io.cascade.client;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.rules.Bucketing;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TempDirs;
import io.cascade.testsupport.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A canary of a rate-limit change over 20 hosts, each a real {@link CascadeClient} in this JVM,
 * across three stages by site and percent: at each stage exactly the cohort's hosts run the
 * candidate, the rollout completes, and every host ends on the candidate. The clients acknowledge
 * what they apply by themselves; a gate that waits for 100 requests holds each stage until the test
 * has looked at it and the cohort's hosts have reported their health.
 */
class RolloutCanaryIT {

    private static final String NAMESPACE = "canary";
    private static final int HOSTS = 20;
    private static final int IN_CANARY_SITE = 4;
    private static final int MIN_REQUESTS = 1000;
    private static final String ROLLOUT = "query($ns: String!, $id: ID!) { rollout(namespace: $ns, id: $id) "
            + "{ state currentStage stages { name targeted applied } } }";

    private static TestServer server;
    private static GraphQlClient admin;
    private static Path cacheRoot;
    private static final Map<String, CascadeClient> HOSTS_BY_ID = new LinkedHashMap<>();
    private static final Map<String, String> SITES = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of(
                "cascade.rollout.tick", "PT0.2S",
                "cascade.rollout.lease", "PT3S",
                "cascade.rollout.host-timeout", "PT1M"));
        admin = server.client();
        admin.data("mutation($n: String!) { createNamespace(name: $n) { revision } }", vars("n", NAMESPACE));
        admin.data(
                Namespaces.PUT_LAYER,
                vars("ns", NAMESPACE, "s", json("{\"environment\": \"prod\"}"), "c", json("{\"rateLimit\": 100}")));
        String sdkKey = server.createKey(NAMESPACE, "SDK", "prod");
        cacheRoot = Files.createTempDirectory("cascade-canary-");
        for (int i = 0; i < HOSTS; i++) {
            String hostId = "checkout-" + i;
            String site = i < IN_CANARY_SITE ? "us-east-1" : "eu-west-1";
            SITES.put(hostId, site);
            HOSTS_BY_ID.put(
                    hostId,
                    CascadeClient.builder()
                            .endpoints(List.of(URI.create(server.baseUrl())))
                            .apiKey(sdkKey)
                            .namespace(NAMESPACE)
                            .scope(Map.of("environment", "prod", "site", site))
                            .hostId(hostId)
                            .cacheDirectory(cacheRoot.resolve(hostId))
                            .build()
                            .start(Duration.ofSeconds(20)));
        }
    }

    @AfterAll
    static void stop() {
        HOSTS_BY_ID.values().forEach(CascadeClient::close);
        if (server != null) {
            server.close();
        }
        TempDirs.delete(cacheRoot);
    }

    private static JsonNode rollout(String id) {
        return admin.data(ROLLOUT, vars("ns", NAMESPACE, "id", id)).get("rollout");
    }

    /** The hosts whose client runs the candidate: its revision, and the candidate's value in its config. */
    private static Set<String> runningCandidate(int candidate) {
        Set<String> running = new TreeSet<>();
        HOSTS_BY_ID.forEach((id, client) -> {
            if (client.revision() == candidate
                    && client.config().path("rateLimit").asInt() == 200) {
                running.add(id);
            }
        });
        return running;
    }

    /** The hosts still on the base: its revision, and the base's value. */
    private static Set<String> runningBase(int base) {
        Set<String> running = new TreeSet<>();
        HOSTS_BY_ID.forEach((id, client) -> {
            if (client.revision() == base && client.config().path("rateLimit").asInt() == 100) {
                running.add(id);
            }
        });
        return running;
    }

    @Test
    void eachStageRunsTheCandidateOnExactlyItsCohortOfJavaClientsAndTheRolloutCompletes() {
        int base = admin.data("query($n: String!) { namespace(name: $n) { revision } }", vars("n", NAMESPACE))
                .at("/namespace/revision")
                .asInt();
        JsonNode started = admin.data(
                        "mutation($ns: String!, $p: JSON!, $c: JSON) { startRollout(namespace: $ns, plan: $p, changes: $c)"
                                + " { id baseRevision candidateRevision } }",
                        vars(
                                "ns",
                                NAMESPACE,
                                "p",
                                json("{\"stages\": ["
                                        + "{\"name\": \"canary\", \"hosts\": {\"sites\": [\"us-east-1\"]}, \"bakeSeconds\": 1},"
                                        + " {\"name\": \"half\", \"hosts\": {\"percent\": 50}, \"bakeSeconds\": 1},"
                                        + " {\"name\": \"all\", \"hosts\": {\"all\": true}}],"
                                        + " \"gates\": [{\"metric\": \"errorRate\", \"max\": 0.05, \"minRequests\": "
                                        + MIN_REQUESTS + "}]}"),
                                "c",
                                json("[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"},"
                                        + " \"content\": {\"rateLimit\": 200}}]")))
                .get("startRollout");
        String id = started.get("id").asString();
        int candidate = started.get("candidateRevision").asInt();
        assertThat(started.get("baseRevision").asInt()).isEqualTo(base);

        Set<String> everyone = new TreeSet<>(HOSTS_BY_ID.keySet());
        Set<String> canary = new TreeSet<>();
        SITES.forEach((host, site) -> {
            if (site.equals("us-east-1")) {
                canary.add(host);
            }
        });
        // the percent cohort by the published bucketing rule (pinned by docs/spec/bucketing-vectors.json),
        // salted by the rollout id, plus every host of an earlier stage
        Set<String> half = new TreeSet<>(canary);
        for (String host : everyone) {
            if (Bucketing.bucket(id, host) < 50_000) {
                half.add(host);
            }
        }
        assertThat(half).as("the half stage adds hosts to the canary").hasSizeGreaterThan(canary.size());
        List<Set<String>> cohorts = List.of(canary, half, everyone);

        List<Set<String>> seen = new ArrayList<>();
        for (int stage = 0; stage < cohorts.size(); stage++) {
            Set<String> cohort = cohorts.get(stage);
            Set<String> others = new TreeSet<>(everyone);
            others.removeAll(cohort);
            int current = stage;
            await().atMost(30, TimeUnit.SECONDS)
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        assertThat(rollout(id).get("currentStage").asInt()).isEqualTo(current);
                        assertThat(runningCandidate(candidate))
                                .as("stage %s", current)
                                .isEqualTo(cohort);
                        assertThat(runningBase(base)).as("stage %s", current).isEqualTo(others);
                    });
            seen.add(runningCandidate(candidate));
            if (stage < cohorts.size() - 1) {
                JsonNode counts = rollout(id).at("/stages/" + stage);
                assertThat(counts.get("targeted").asInt()).isEqualTo(cohort.size());
                assertThat(rollout(id).get("currentStage").asInt())
                        .as("the gate holds the stage until the cohort reports")
                        .isEqualTo(stage);
            }
            // together the cohort's reports reach the gate's minimum only with the last one, so none
            // is left over to count for the next stage
            long requests = (MIN_REQUESTS + cohort.size() - 1) / cohort.size();
            for (String host : cohort) {
                assertThat(HOSTS_BY_ID.get(host).reportHealth(requests, requests / 100, 20.0))
                        .succeedsWithin(Duration.ofSeconds(10))
                        .isEqualTo(Boolean.TRUE);
            }
        }

        await().atMost(30, TimeUnit.SECONDS)
                .untilAsserted(
                        () -> assertThat(rollout(id).get("state").asString()).isEqualTo("COMPLETED"));
        assertThat(seen).containsExactlyElementsOf(cohorts);
        await().atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(runningCandidate(candidate)).isEqualTo(everyone));
        JsonNode stages = rollout(id).get("stages");
        assertThat(stages.get(0).get("targeted").asInt()).isEqualTo(IN_CANARY_SITE);
        assertThat(stages.get(0).get("applied").asInt()).isEqualTo(IN_CANARY_SITE);
        assertThat(stages.get(1).get("applied").asInt()).isEqualTo(half.size());
        assertThat(stages.get(2).get("targeted").asInt()).isEqualTo(HOSTS);
    }
}
