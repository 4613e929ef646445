package io.cascade.server.rollout;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.TestServer;
import io.cascade.testsupport.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** What dashboards read of a rollout: rolloutChanged as hosts acknowledge, and the cohorts' health over time. */
class RolloutWatchIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
            "cascade.rollout.tick", "PT0.2S",
            "cascade.rollout.lease", "PT3S",
            "cascade.rollout.host-timeout", "PT1M",
            "cascade.gateway.presence-interval", "PT0.5S"));

    private static final String WATCH = "subscription($ns: String!, $id: ID!) { rolloutChanged(namespace: $ns, id: $id)"
            + " { state currentStage rollbackRevision stages { name targeted applied healthy } } }";
    private static final String START = "mutation($ns: String!, $p: JSON!, $c: JSON) "
            + "{ startRollout(namespace: $ns, plan: $p, changes: $c) { id baseRevision candidateRevision } }";
    private static final String HEALTH = "query($ns: String!, $id: ID!, $b: Int) { rollout(namespace: $ns, id: $id)"
            + " { health(bucketSeconds: $b) { at cohort hosts requests errors errorRate latencyP99Ms } } }";
    private static final String PLAN = "{\"stages\": [{\"name\": \"canary\", \"hosts\": {\"sites\": [\"us-east-1\"]},"
            + " \"bakeSeconds\": 3600}, {\"name\": \"all\", \"hosts\": {\"all\": true}}]}";
    private static final String CHANGES =
            "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 200}}]";

    private static GraphQlClient admin() {
        return SERVER.get().client();
    }

    /** A namespace with a prod layer, two canary hosts and one other, and a rollout started on them. */
    private static void create(String namespace) {
        admin().data("mutation($n: String!) { createNamespace(name: $n) { revision } }", vars("n", namespace));
    }

    private static JsonNode started(String namespace, Fleet fleet, String key) {
        admin().data(
                        "mutation($ns: String!, $s: JSON!, $c: JSON!) { putLayer(namespace: $ns, selector: $s, content: $c)"
                                + " { revision } }",
                        vars(
                                "ns",
                                namespace,
                                "s",
                                json("{\"environment\": \"prod\"}"),
                                "c",
                                json("{\"rateLimit\": 100}")));
        for (int i = 0; i < 3; i++) {
            fleet.add(
                    SERVER.get().baseUrl(),
                    key,
                    namespace + "-host-" + i,
                    Map.of("environment", "prod", "site", i < 2 ? "us-east-1" : "eu-west-1"));
        }
        fleet.acknowledge();
        return admin().data(START, vars("ns", namespace, "p", json(PLAN), "c", json(CHANGES)))
                .get("startRollout");
    }

    private static JsonNode data(JsonNode message) {
        assertThat(message).as("a message").isNotNull();
        assertThat(message.path("type").asString()).as("%s", message).isEqualTo("next");
        return message.at("/payload/data/rolloutChanged");
    }

    @Test
    void rolloutChangedSendsTheRolloutThenEachChangeOfItsCountsOrHealthAndCompletesOnceAborted() {
        create("watched");
        create("elsewhere");
        String key = SERVER.get().createKey("watched", "SDK", "prod");
        try (Fleet fleet = new Fleet("watched", SERVER.get().anonymousClient().withKey(key));
                WsClient watcher =
                        WsClient.connect(SERVER.get().baseUrl(), SERVER.get().createKey("elsewhere", "VIEWER", null))) {
            JsonNode rollout = started("watched", fleet, key);
            String id = rollout.get("id").asString();
            // A viewer of another namespace may not watch; the platform admin may.
            watcher.subscribe("other", WATCH, Map.of("ns", "watched", "id", id));
            assertThat(watcher.next("other", 10)
                            .at("/payload/errors/0/extensions/code")
                            .asString())
                    .isEqualTo("FORBIDDEN");

            try (WsClient admin = WsClient.connect(SERVER.get().baseUrl(), TestServer.ADMIN_KEY)) {
                admin.subscribe("w", WATCH, Map.of("ns", "watched", "id", id));
                JsonNode first = data(admin.next("w", 10));
                assertThat(first.get("state").asString()).isEqualTo("RUNNING");
                assertThat(first.at("/stages/0/targeted").asInt()).isEqualTo(2);
                assertThat(first.at("/stages/0/applied").asInt()).isZero();

                fleet.awaitRevision(
                        "us-east-1", rollout.get("candidateRevision").asInt());
                fleet.acknowledge();
                List<Integer> applied = new ArrayList<>();
                while (applied.isEmpty() || applied.get(applied.size() - 1) < 2) {
                    applied.add(
                            data(admin.next("w", 10)).at("/stages/0/applied").asInt());
                }
                assertThat(applied).isSorted().doesNotHaveDuplicates().endsWith(2);

                // A health report moves the cohort's sums: one more message, the counts as they were.
                fleet.report(fleet.hosts().get(0), 10, 0, 5.0);
                assertThat(data(admin.next("w", 10)).at("/stages/0/applied").asInt())
                        .isEqualTo(2);

                admin().data(
                                "mutation($ns: String!, $id: ID!) { abortRollout(namespace: $ns, id: $id, reason: \"test\")"
                                        + " { state } }",
                                vars("ns", "watched", "id", id));
                JsonNode last = data(admin.next("w", 10));
                for (int i = 0; i < 10 && !last.get("state").asString().equals("ABORTED"); i++) {
                    last = data(admin.next("w", 10));
                }
                assertThat(last.get("state").asString()).isEqualTo("ABORTED");
                assertThat(last.get("rollbackRevision").isInt()).isTrue();
                assertThat(admin.next("w", 10).path("type").asString()).isEqualTo("complete");
            }
        }
    }

    @Test
    void rolloutChangedRefusesSdkKeysAndUnknownRollouts() {
        admin().data("mutation { createNamespace(name: \"unwatched\") { revision } }");
        try (WsClient sdk =
                        WsClient.connect(SERVER.get().baseUrl(), SERVER.get().createKey("unwatched", "SDK", "prod"));
                WsClient admin = WsClient.connect(SERVER.get().baseUrl(), TestServer.ADMIN_KEY)) {
            sdk.subscribe("s", WATCH, Map.of("ns", "unwatched", "id", "r-1"));
            assertThat(sdk.next("s", 10).at("/payload/errors/0/extensions/code").asString())
                    .isEqualTo("FORBIDDEN");
            admin.subscribe("a", WATCH, Map.of("ns", "unwatched", "id", "no-such-rollout"));
            JsonNode refused = admin.next("a", 10);
            assertThat(refused.at("/payload/errors/0/extensions/code").asString())
                    .isEqualTo("NOT_FOUND");
            assertThat(refused.at("/payload/data/rolloutChanged").isMissingNode()
                            || refused.at("/payload/data/rolloutChanged").isNull())
                    .isTrue();
        }
    }

    @Test
    void healthSumsEachCohortsReportsPerWindowAndRefusesAWindowOutOfRange() {
        create("healthy");
        String key = SERVER.get().createKey("healthy", "SDK", "prod");
        try (Fleet fleet = new Fleet("healthy", SERVER.get().anonymousClient().withKey(key))) {
            JsonNode rollout = started("healthy", fleet, key);
            String id = rollout.get("id").asString();
            fleet.awaitRevision("us-east-1", rollout.get("candidateRevision").asInt());
            fleet.acknowledge();
            for (Fleet.Host host : fleet.hosts()) {
                fleet.report(host, 100, host.site().equals("us-east-1") ? 10 : 1, 20.0 + host.revision);
            }

            JsonNode health = admin().data(HEALTH, vars("ns", "healthy", "id", id, "b", 3600))
                    .at("/rollout/health");
            assertThat(health).hasSize(2);
            Map<String, JsonNode> byCohort = Map.of(
                    health.get(0).get("cohort").asString(), health.get(0),
                    health.get(1).get("cohort").asString(), health.get(1));
            JsonNode candidate = byCohort.get("CANDIDATE");
            assertThat(candidate.get("hosts").asInt()).isEqualTo(2);
            assertThat(candidate.get("requests").asInt()).isEqualTo(200);
            assertThat(candidate.get("errors").asInt()).isEqualTo(20);
            assertThat(candidate.get("errorRate").asDouble()).isEqualTo(0.1);
            assertThat(candidate.get("latencyP99Ms").asDouble())
                    .isEqualTo(20.0 + rollout.get("candidateRevision").asInt());
            JsonNode base = byCohort.get("BASE");
            assertThat(base.get("hosts").asInt()).isEqualTo(1);
            assertThat(base.get("errorRate").asDouble()).isEqualTo(0.01);

            GraphQlClient.Response refused = admin().post(HEALTH, vars("ns", "healthy", "id", id, "b", 0));
            assertThat(refused.code()).isEqualTo("BAD_USER_INPUT");
        }
    }
}
