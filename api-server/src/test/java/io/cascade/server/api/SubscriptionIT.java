package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.gateway.ws.TransportWsHandler;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.TestServer;
import io.cascade.testsupport.WsClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Subscriptions over WebSocket on /graphql, as hosts and tools use them, against a real SERVER.get(). */
class SubscriptionIT {

    private static final String CONFIG = "subscription($ns: String!, $scope: JSON!, $host: String) "
            + "{ configChanged(namespace: $ns, scope: $scope, hostId: $host) { namespace revision scope config } }";
    private static final String FLAGS = "subscription($ns: String!, $env: String!) "
            + "{ flagsChanged(namespace: $ns, environment: $env) { revision flags segments } }";
    private static final String EVENTS =
            "subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision action author changes { kind action target } } }";
    private static final String PUT = "mutation($ns: String!, $s: JSON!, $c: JSON!) "
            + "{ putLayer(namespace: $ns, selector: $s, content: $c) { revision } }";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static GraphQlClient admin;

    @BeforeAll
    static void start() {
        admin = SERVER.get().client();
        admin.data("mutation { createNamespace(name: \"live\") { revision } }");
        admin.data(PUT, vars("ns", "live", "s", json("{}"), "c", json("{\"pool\": 10}")));
        admin.data(PUT, vars("ns", "live", "s", json("{\"environment\": \"prod\"}"), "c", json("{\"pool\": 50}")));
    }

    private static String key(String role, String environment) {
        return SERVER.get().createKey("live", role, environment);
    }

    @Test
    void theFirstMessageIsTheCurrentStateThenOnlyChangesOfThatScope() {
        try (WsClient host = WsClient.connect(SERVER.get().baseUrl(), key("SDK", "prod"))) {
            host.subscribe("1", CONFIG, Map.of("ns", "live", "scope", Map.of("environment", "prod"), "host", "host-1"));
            JsonNode first = host.next("1", 10);
            assertThat(first.at("/payload/data/configChanged/config").toString())
                    .isEqualTo("{\"pool\":50}");
            int firstRevision = first.at("/payload/data/configChanged/revision").asInt();

            admin.data(PUT, vars("ns", "live", "s", json("{\"environment\": \"dev\"}"), "c", json("{\"pool\": 1}")));
            JsonNode change = null;
            admin.data(PUT, vars("ns", "live", "s", json("{\"environment\": \"prod\"}"), "c", json("{\"pool\": 60}")));
            change = host.next("1", 10);

            assertThat(change.at("/payload/data/configChanged/config").toString())
                    .isEqualTo("{\"pool\":60}");
            assertThat(change.at("/payload/data/configChanged/revision").asInt())
                    .isEqualTo(firstRevision + 2);
            assertThat(host.waiting("1")).isZero();
        }
    }

    @Test
    void subscribersOfOneScopeEachGetExactlyTheFieldsTheySelected() {
        String alias = "subscription($ns: String!, $scope: JSON!, $host: String) "
                + "{ c: configChanged(namespace: $ns, scope: $scope, hostId: $host) { config revision } }";
        String conditional = "subscription($ns: String!, $scope: JSON!, $host: String, $withConfig: Boolean!) "
                + "{ configChanged(namespace: $ns, scope: $scope, hostId: $host) "
                + "{ revision config @include(if: $withConfig) } }";
        String typed = "subscription($ns: String!, $scope: JSON!) "
                + "{ configChanged(namespace: $ns, scope: $scope) { __typename revision } }";
        Map<String, Object> scope = Map.of("environment", "staging");
        try (WsClient one = WsClient.connect(SERVER.get().baseUrl(), key("SDK", "staging"));
                WsClient other = WsClient.connect(SERVER.get().baseUrl(), key("SDK", "staging"))) {
            one.subscribe("full", CONFIG, Map.of("ns", "live", "scope", scope, "host", "shape-1"));
            one.subscribe("alias", alias, Map.of("ns", "live", "scope", scope, "host", "shape-2"));
            other.subscribe("full", CONFIG, Map.of("ns", "live", "scope", scope, "host", "shape-3"));
            other.subscribe(
                    "without",
                    conditional,
                    Map.of("ns", "live", "scope", scope, "host", "shape-4", "withConfig", false));
            other.subscribe("typed", typed, Map.of("ns", "live", "scope", scope));
            for (int round = 0; round < 2; round++) {
                if (round == 1) {
                    admin.data(
                            PUT,
                            vars(
                                    "ns",
                                    "live",
                                    "s",
                                    json("{\"environment\": \"staging\"}"),
                                    "c",
                                    json("{\"pool\": 7}")));
                }
                JsonNode full = one.next("full", 10).at("/payload");
                int revision = full.at("/data/configChanged/revision").asInt();
                String config = round == 0 ? "{\"pool\":10}" : "{\"pool\":7}";
                assertThat(full.toString())
                        .isEqualTo("{\"data\":{\"configChanged\":{\"namespace\":\"live\",\"revision\":" + revision
                                + ",\"scope\":{\"environment\":\"staging\"},\"config\":" + config + "}}}");
                assertThat(other.next("full", 10).at("/payload")).isEqualTo(full);
                assertThat(one.next("alias", 10).at("/payload").toString())
                        .isEqualTo("{\"data\":{\"c\":{\"config\":" + config + ",\"revision\":" + revision + "}}}");
                assertThat(other.next("without", 10).at("/payload").toString())
                        .isEqualTo("{\"data\":{\"configChanged\":{\"revision\":" + revision + "}}}");
                assertThat(other.next("typed", 10).at("/payload").toString())
                        .isEqualTo("{\"data\":{\"configChanged\":{\"__typename\":\"ResolvedConfig\",\"revision\":"
                                + revision + "}}}");
            }
        }
    }

    @Test
    void anSdkKeyOfAnotherEnvironmentIsRefusedWithForbidden() {
        try (WsClient host = WsClient.connect(SERVER.get().baseUrl(), key("SDK", "dev"))) {
            host.subscribe("1", CONFIG, Map.of("ns", "live", "scope", Map.of("environment", "prod")));
            JsonNode refused = host.next("1", 10);
            assertThat(refused.path("type").asString()).isEqualTo("next");
            assertThat(refused.at("/payload/errors/0/extensions/code").asString())
                    .isEqualTo("FORBIDDEN");
            assertThat(refused.at("/payload/data").isNull()
                            || refused.at("/payload/data").isMissingNode())
                    .isTrue();
            assertThat(host.next("1", 10).path("type").asString()).isEqualTo("complete");
        }
    }

    @Test
    void aSubscribeMessageLongerThanTheReadBufferIsReadWhole() {
        try (WsClient host = WsClient.connect(SERVER.get().baseUrl(), key("SDK", "prod"))) {
            // 40 000 characters: more than the 8 Ki the gateway reads at a time, less than the 64 Ki allowed.
            String commented = "# " + "x".repeat(40_000) + "\n" + CONFIG;
            host.subscribe("1", commented, Map.of("ns", "live", "scope", Map.of("environment", "prod")));

            assertThat(host.next("1", 10)
                            .at("/payload/data/configChanged/namespace")
                            .asString())
                    .isEqualTo("live");
        }
    }

    @Test
    void aMessageLongerThan64KiCharactersClosesTheConnectionWith1009() {
        try (WsClient host = WsClient.connect(SERVER.get().baseUrl(), key("SDK", "prod"))) {
            String tooLong = "# " + "x".repeat(70_000) + "\n" + CONFIG;
            host.subscribe("1", tooLong, Map.of("ns", "live", "scope", Map.of("environment", "prod")));

            assertThat(host.closeCode(10)).isEqualTo(1009);
        }
    }

    @Test
    void aConnectionWithoutAValidKeyIsClosedWith4403() {
        try (WsClient anonymous = WsClient.open(SERVER.get().baseUrl())) {
            anonymous.init("not-a-key");
            assertThat(anonymous.closeCode(10)).isEqualTo(4403);
        }
    }

    @Test
    void toolsSeeEveryRevisionWithItsChanges() {
        try (WsClient tool = WsClient.connect(SERVER.get().baseUrl(), key("VIEWER", null))) {
            tool.subscribe("e", EVENTS, Map.of("ns", "live"));
            awaitSubscribed(tool);
            admin.data(PUT, vars("ns", "live", "s", json("{\"tenant\": \"acme\"}"), "c", json("{\"pool\": 7}")));
            JsonNode event = tool.next("e", 10);
            assertThat(event.at("/payload/data/namespaceEvents/action").asString())
                    .isEqualTo("layer.put");
            assertThat(event.at("/payload/data/namespaceEvents/changes/0/target")
                            .toString())
                    .isEqualTo("{\"environment\":\"*\",\"site\":\"*\",\"tenant\":\"acme\"}");
        }
    }

    @Test
    void flagSubscribersGetTheFlagsOfTheirEnvironment() {
        try (WsClient host = WsClient.connect(SERVER.get().baseUrl(), key("SDK", "prod"))) {
            host.subscribe("f", FLAGS, Map.of("ns", "live", "env", "prod"));
            JsonNode first = host.next("f", 10);
            assertThat(first.at("/payload/data/flagsChanged/flags").isArray()).isTrue();
        }
    }

    private static void awaitSubscribed(WsClient tool) {
        // namespaceEvents has no first message: a ping round trip orders the subscribe before the write
        tool.send(Map.of("type", "ping"));
        assertThat(tool.nextControl(10).path("type").asString()).isEqualTo("pong");
    }

    @Test
    void aRevokedKeysSubscriptionsAreClosed() {
        JsonNode created = admin.data("mutation { createApiKey(namespace: \"live\", role: VIEWER) { id secret } }")
                .get("createApiKey");
        try (WsClient tool =
                WsClient.connect(SERVER.get().baseUrl(), created.get("secret").asString())) {
            tool.subscribe("1", CONFIG, Map.of("ns", "live", "scope", Map.of("environment", "prod")));
            assertThat(tool.next("1", 10)).isNotNull();

            admin.data(
                    "mutation($id: ID!) { revokeApiKey(id: $id) { id } }",
                    vars("id", created.get("id").asString()));

            assertThat(tool.closeCode(20)).isEqualTo(4403);
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsClosedInsteadOfQueuedFor() {
        try (TestServer strict = TestServer.start(Map.of("cascade.gateway.stall-limit", "PT2S"))) {
            GraphQlClient writer = strict.client();
            writer.data("mutation { createNamespace(name: \"big\") { revision } }");
            writer.data(PUT, vars("ns", "big", "s", json("{}"), "c", json("{\"v\": 0}")));
            try (WsClient slow = WsClient.connect(strict.baseUrl(), TestServer.ADMIN_KEY)) {
                slow.subscribe("1", CONFIG, Map.of("ns", "big", "scope", Map.of()));
                assertThat(slow.next("1", 10)).isNotNull();
                slow.pause();
                TransportWsHandler gateway = strict.bean(TransportWsHandler.class);
                String padding = "x".repeat(60_000);
                for (int i = 1; i <= 400 && gateway.connections() > 0; i++) {
                    writer.data(PUT, vars("ns", "big", "s", json("{}"), "c", Map.of("v", i, "pad", padding + i)));
                }
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> gateway.connections() == 0);

                assertThat(gateway.closedTooSlow()).isEqualTo(1);

                // The close frame reaches the client only if its receive buffers had room for it;
                // otherwise the TCP connection just ends: 1006 (abnormal closure), or an error (-1)
                // when the client reads into the reset.
                slow.resume();
                assertThat(slow.closeCode(30)).isIn(4499, 1006, -1);
            }
        }
    }
}
