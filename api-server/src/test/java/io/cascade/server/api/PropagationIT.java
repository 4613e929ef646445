package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.RedisServer;
import io.cascade.testsupport.ServerProcess;
import io.cascade.testsupport.TempDirs;
import io.cascade.testsupport.WsClient;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live propagation across real processes: two servers sharing one store, a standalone gateway, and
 * a real Redis between them.
 */
class PropagationIT {

    private static final String CONFIG = "subscription($ns: String!, $scope: JSON!, $host: String) "
            + "{ configChanged(namespace: $ns, scope: $scope, hostId: $host) { revision config } }";
    private static final String PUT = "mutation($ns: String!, $s: JSON!, $c: JSON!) "
            + "{ putLayer(namespace: $ns, selector: $s, content: $c) { revision } }";
    private static final String KEY = "mutation($ns: String, $role: Role!, $env: String) "
            + "{ createApiKey(namespace: $ns, role: $role, environment: $env) { secret } }";

    private static RedisServer redis;
    private static ServerProcess first;
    private static ServerProcess second;
    private static ServerProcess gateway;
    private static String prodKey;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.startNew();
        int storePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            storePort = socket.getLocalPort();
        }
        data = Files.createTempDirectory("cascade-propagation-");
        first = ServerProcess.start(
                data.resolve("first"),
                Map.of("CASCADE_EMBEDDED_MONGO_PORT", Integer.toString(storePort), "CASCADE_REDIS_URI", redis.uri()));
        second = ServerProcess.start(
                data.resolve("second"),
                Map.of("CASCADE_MONGODB_URI", "mongodb://127.0.0.1:" + storePort, "CASCADE_REDIS_URI", redis.uri()));
        gateway = ServerProcess.startGateway(
                first.baseUrl() + "," + second.baseUrl(), Map.of("CASCADE_REDIS_URI", redis.uri()));
        GraphQlClient admin = first.client();
        admin.data("mutation { createNamespace(name: \"shop\") { revision } }");
        admin.data("mutation { createNamespace(name: \"other\") { revision } }");
        admin.data(PUT, vars("ns", "shop", "s", json("{\"environment\": \"prod\"}"), "c", json("{\"limit\": 1}")));
        prodKey = admin.data(KEY, vars("ns", "shop", "role", "SDK", "env", "prod"))
                .at("/createApiKey/secret")
                .asString();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {gateway, second, first, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
        TempDirs.delete(data);
    }

    private static int put(GraphQlClient through, String namespace, String selector, String content) {
        return through.data(PUT, vars("ns", namespace, "s", json(selector), "c", json(content)))
                .at("/putLayer/revision")
                .asInt();
    }

    private static WsClient prodHost(String hostId) {
        WsClient host = WsClient.connect(gateway.baseUrl(), prodKey);
        host.subscribe("c", CONFIG, Map.of("ns", "shop", "scope", Map.of("environment", "prod"), "host", hostId));
        assertThat(host.next("c", 20)).as("first message").isNotNull();
        return host;
    }

    private static JsonNode config(JsonNode message) {
        return message.at("/payload/data/configChanged");
    }

    @Test
    void aWriteThroughEitherServerReachesASubscriberOfTheGatewayAndNothingElseDoes() {
        try (WsClient host = prodHost("host-a")) {
            put(second.client(), "shop", "{\"environment\": \"dev\"}", "{\"limit\": 99}");
            put(first.client(), "other", "{\"environment\": \"prod\"}", "{\"limit\": 99}");
            put(second.client(), "shop", "{\"tenant\": \"acme\"}", "{\"limit\": 99}");
            int revision = put(second.client(), "shop", "{\"environment\": \"prod\"}", "{\"limit\": 2}");

            JsonNode next = config(host.next("c", 20));
            assertThat(next.get("revision").asInt()).isEqualTo(revision);
            assertThat(next.get("config").toString()).isEqualTo("{\"limit\":2}");

            revision = put(first.client(), "shop", "{\"environment\": \"prod\"}", "{\"limit\": 3}");
            next = config(host.next("c", 20));
            assertThat(next.get("revision").asInt()).isEqualTo(revision);
            assertThat(host.waiting("c")).isZero();
        }
    }

    @Test
    void duplicatedAndOutOfOrderAnnouncementsChangeNothing() {
        try (WsClient host = prodHost("host-b")) {
            int revision = put(first.client(), "shop", "{\"environment\": \"prod\"}", "{\"limit\": 4}");
            assertThat(config(host.next("c", 20)).get("revision").asInt()).isEqualTo(revision);
            String now = Long.toString(System.currentTimeMillis());
            redis.command("PUBLISH", "cascade:revisions", "shop|" + revision + "|" + now);
            redis.command("PUBLISH", "cascade:revisions", "shop|" + revision + "|" + now);
            redis.command("PUBLISH", "cascade:revisions", "shop|" + (revision - 1) + "|" + now);

            int marker = put(first.client(), "shop", "{\"environment\": \"prod\"}", "{\"limit\": 5}");

            assertThat(config(host.next("c", 20)).get("revision").asInt()).isEqualTo(marker);
            assertThat(host.waiting("c")).isZero();
        }
    }

    @Test
    void withoutRedisSubscribersStillConvergeAndPushResumesWhenItReturns() {
        try (WsClient host = prodHost("host-c")) {
            redis.stop();
            try {
                int revision = put(second.client(), "shop", "{\"environment\": \"prod\"}", "{\"limit\": 6}");
                assertThat(config(host.next("c", 30)).get("revision").asInt()).isEqualTo(revision);
            } finally {
                redis.start();
            }
            int revision = put(first.client(), "shop", "{\"environment\": \"prod\"}", "{\"limit\": 7}");
            assertThat(config(host.next("c", 30)).get("revision").asInt()).isEqualTo(revision);
        }
    }

    @Test
    void rolloutMovesMadeOnOneServerReachToolsOfTheOtherServerAndOfTheGateway() {
        GraphQlClient admin = first.client();
        admin.data("mutation { createNamespace(name: \"moves\") { revision } }");
        String viewer = admin.data(KEY, vars("ns", "moves", "role", "VIEWER", "env", null))
                .at("/createApiKey/secret")
                .asString();
        String events =
                "subscription { namespaceEvents(namespace: \"moves\") { revision action rollout { id state } } }";
        try (WsClient atGateway = WsClient.connect(gateway.baseUrl(), viewer);
                WsClient atSecond = WsClient.connect(second.baseUrl(), viewer)) {
            for (WsClient tool : List.of(atGateway, atSecond)) {
                tool.subscribe("e", events, Map.of());
                tool.send(Map.of("type", "ping"));
                assertThat(tool.nextControl(10).path("type").asString()).isEqualTo("pong");
            }
            String id = admin.data(
                            "mutation($p: JSON!, $c: JSON) { startRollout(namespace: \"moves\", plan: $p, changes: $c) { id } }",
                            vars(
                                    "p",
                                    json("{\"stages\": [{\"hosts\": {\"percent\": 5}, \"bakeSeconds\": 3600},"
                                            + " {\"hosts\": {\"all\": true}}]}"),
                                    "c",
                                    json("[{\"op\": \"putLayer\", \"selector\": {}, \"content\": {\"limit\": 2}}]")))
                    .at("/startRollout/id")
                    .asString();
            admin.data("mutation($id: ID!) { pauseRollout(namespace: \"moves\", id: $id) { state } }", vars("id", id));
            admin.data("mutation($id: ID!) { resumeRollout(namespace: \"moves\", id: $id) { state } }", vars("id", id));

            for (WsClient tool : List.of(atGateway, atSecond)) {
                List<String> actions = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    JsonNode event = tool.next("e", 20).at("/payload/data/namespaceEvents");
                    actions.add(event.get("action").asString());
                    if (i > 0) {
                        assertThat(event.at("/rollout/id").asString()).isEqualTo(id);
                    }
                }
                assertThat(actions).containsExactly("rollout.start", "rollout.pause", "rollout.resume");
            }
        }
    }

    @Test
    void theGatewayRefusesASubscriptionDeeperThanTheServersAllowBeforeValidatingIt() {
        String deep = "revision " + "x { ".repeat(20) + "y" + " }".repeat(20);
        try (WsClient host = WsClient.connect(gateway.baseUrl(), prodKey)) {
            host.subscribe(
                    "deep",
                    "subscription($ns: String!, $scope: JSON!) { configChanged(namespace: $ns, scope: $scope) { " + deep
                            + " } }",
                    Map.of("ns", "shop", "scope", Map.of("environment", "prod")));
            JsonNode refused = host.next("deep", 20);
            assertThat(refused.at("/payload/errors/0/extensions/code").asString())
                    .isEqualTo("LIMIT_EXCEEDED");
            assertThat(refused.at("/payload/errors/0/extensions/limit").asString())
                    .isEqualTo("queryDepth");
            assertThat(host.next("deep", 20).path("type").asString()).isEqualTo("complete");
        }
    }

    @Test
    void anSdkKeyOfAnotherEnvironmentIsRefusedByTheGateway() {
        String devKey = first.client()
                .data(KEY, vars("ns", "shop", "role", "SDK", "env", "dev"))
                .at("/createApiKey/secret")
                .asString();
        try (WsClient host = WsClient.connect(gateway.baseUrl(), devKey)) {
            host.subscribe("c", CONFIG, Map.of("ns", "shop", "scope", Map.of("environment", "prod")));
            assertThat(host.next("c", 20)
                            .at("/payload/errors/0/extensions/code")
                            .asString())
                    .isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void aThousandSubscribersAllReceiveAChangeAndAreListedAsHosts() {
        List<WsClient> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                WsClient host = WsClient.connect(gateway.baseUrl(), prodKey);
                host.subscribe(
                        "c",
                        CONFIG,
                        Map.of("ns", "shop", "scope", Map.of("environment", "prod"), "host", "fleet-" + i));
                hosts.add(host);
            }
            for (WsClient host : hosts) {
                assertThat(host.next("c", 30)).as("first message").isNotNull();
            }
            int revision = put(second.client(), "shop", "{\"environment\": \"prod\"}", "{\"limit\": 8}");
            for (WsClient host : hosts) {
                JsonNode next = host.next("c", 30);
                assertThat(next).as("change").isNotNull();
                assertThat(config(next).get("revision").asInt()).isEqualTo(revision);
            }
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(connectedFleet()).isEqualTo(1000));

            // The fleet leaves: the gateway reports them gone (in one report) long before they expire.
            hosts.forEach(WsClient::close);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(connectedFleet()).isZero());
        } finally {
            hosts.forEach(WsClient::close);
        }
    }

    @Test
    void aRolloutStartedOnOneServerServesItsCohortThroughTheStandaloneGatewayAndAnAbortReachesEveryone() {
        GraphQlClient admin = first.client();
        admin.data("mutation { createNamespace(name: \"staged\") { revision } }");
        put(admin, "staged", "{\"environment\": \"prod\"}", "{\"limit\": 1}");
        String key = admin.data(KEY, vars("ns", "staged", "role", "SDK", "env", "prod"))
                .at("/createApiKey/secret")
                .asString();
        try (WsClient east = WsClient.connect(gateway.baseUrl(), key);
                WsClient west = WsClient.connect(gateway.baseUrl(), key);
                WsClient eastOnFirst = WsClient.connect(first.baseUrl(), key)) {
            east.subscribe(
                    "c",
                    CONFIG,
                    Map.of("ns", "staged", "scope", Map.of("environment", "prod", "site", "east"), "host", "east-1"));
            west.subscribe(
                    "c",
                    CONFIG,
                    Map.of("ns", "staged", "scope", Map.of("environment", "prod", "site", "west"), "host", "west-1"));
            eastOnFirst.subscribe(
                    "c",
                    CONFIG,
                    Map.of("ns", "staged", "scope", Map.of("environment", "prod", "site", "east"), "host", "east-2"));
            int base = config(east.next("c", 20)).get("revision").asInt();
            assertThat(config(west.next("c", 20)).get("revision").asInt()).isEqualTo(base);
            assertThat(config(eastOnFirst.next("c", 20)).get("revision").asInt())
                    .isEqualTo(base);

            JsonNode started = second.client()
                    .data(
                            "mutation($p: JSON!, $c: JSON) { startRollout(namespace: \"staged\", plan: $p, changes: $c) { id candidateRevision } }",
                            vars(
                                    "p",
                                    json(
                                            "{\"stages\": [{\"hosts\": {\"sites\": [\"east\"]}, \"bakeSeconds\": 3600}, {\"hosts\": {\"all\": true}}]}"),
                                    "c",
                                    json(
                                            "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"limit\": 2}}]")))
                    .get("startRollout");
            int candidateRevision = started.get("candidateRevision").asInt();
            for (WsClient host : List.of(east, eastOnFirst)) {
                JsonNode candidate = config(host.next("c", 20));
                assertThat(candidate.get("revision").asInt()).isEqualTo(candidateRevision);
                assertThat(candidate.get("config").toString()).isEqualTo("{\"limit\":2}");
            }
            assertThat(west.next("c", 3))
                    .as("the host outside the cohort stays on the base")
                    .isNull();

            second.client()
                    .data(
                            "mutation($id: ID!) { abortRollout(namespace: \"staged\", id: $id, reason: \"test\") { state } }",
                            vars("id", started.get("id").asString()));
            for (WsClient host : List.of(east, eastOnFirst)) {
                JsonNode rolledBack = config(host.next("c", 20));
                assertThat(rolledBack)
                        .as("the rollback reaches every cohort host, on every server and gateway")
                        .isNotNull();
                assertThat(rolledBack.get("revision").asInt()).isEqualTo(candidateRevision + 1);
                assertThat(rolledBack.get("config").toString()).isEqualTo("{\"limit\":1}");
            }
            assertThat(west.next("c", 2)).as("its config never changed").isNull();
        }
    }

    private static int connectedFleet() {
        int connected = 0;
        String after = null;
        GraphQlClient admin = first.client();
        while (true) {
            JsonNode page = admin.data(
                            "query($a: String) { hosts(namespace: \"shop\", first: 100, after: $a) "
                                    + "{ edges { node { hostId connected } } pageInfo { hasNextPage endCursor } } }",
                            vars("a", after))
                    .get("hosts");
            for (JsonNode edge : page.get("edges")) {
                if (edge.at("/node/hostId").asString().startsWith("fleet-")
                        && edge.at("/node/connected").asBoolean()) {
                    connected++;
                }
            }
            if (!page.at("/pageInfo/hasNextPage").asBoolean()) {
                return connected;
            }
            after = page.at("/pageInfo/endCursor").asString();
        }
    }
}
