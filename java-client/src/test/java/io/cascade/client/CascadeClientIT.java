package io.cascade.client;

import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.flag.EvaluationResult;
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
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The client against a real server in this JVM: live changes, typed views, listeners, flags. */
class CascadeClientIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestServer server;
    private static GraphQlClient admin;
    private static String sdkKey;
    private static Path cacheDir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        admin = server.client();
        sdkKey = Namespaces.create(admin, "shop");
        cacheDir = Files.createTempDirectory("cascade-client-cache-");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        TempDirs.delete(cacheDir);
    }

    private static CascadeClient client(String hostId) {
        return CascadeClient.builder()
                .endpoints(List.of(URI.create(server.baseUrl())))
                .apiKey(sdkKey)
                .namespace("shop")
                .scope(Map.of("environment", "prod"))
                .hostId(hostId)
                .cacheDirectory(cacheDir)
                .build()
                .start(Duration.ofSeconds(20));
    }

    /** What the typed view test binds; counts how often it is built. */
    record Pool(int size, String name) {
        static final AtomicInteger BUILT = new AtomicInteger();

        Pool {
            BUILT.incrementAndGet();
        }
    }

    @Test
    void fiftyClientsApplyAChangeLiveEachListenerOnceAndReportIt() throws Exception {
        List<CascadeClient> clients = new ArrayList<>();
        Map<String, List<Long>> calls = new ConcurrentHashMap<>();
        try {
            ExecutorService starter = Executors.newFixedThreadPool(10);
            List<Future<CascadeClient>> starting = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = "fifty-" + i;
                starting.add(starter.submit(() -> client(id)));
            }
            for (Future<CascadeClient> future : starting) {
                CascadeClient client = future.get();
                String id = client.hostId();
                calls.put(id, new CopyOnWriteArrayList<>());
                client.onChange(change -> calls.get(id).add(change.revision()));
                clients.add(client);
            }
            starter.shutdown();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> clients.stream().allMatch(c -> c.connectionState() == ConnectionState.CONNECTED));

            int revision = Namespaces.putLayer(
                    admin, "shop", "{\"environment\": \"prod\", \"site\": \"zz\"}", "{\"unrelated\": true}");
            revision = Namespaces.putLayer(
                    admin,
                    "shop",
                    "{\"environment\": \"prod\"}",
                    "{\"pool\": {\"size\": 11, \"name\": \"main\"}, \"color\": \"blue\"}");
            int expected = revision;

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(clients).allMatch(c -> c.revision() == expected, "at " + expected));
            for (CascadeClient client : clients) {
                assertThat(client.config().at("/pool/size").asInt()).isEqualTo(11);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> calls.values().stream().allMatch(list -> list.size() == 1));
            assertThat(calls.values()).allSatisfy(list -> assertThat(list).containsExactly((long) expected));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode hosts = admin.data(
                        "query($ns: String!) { hosts(namespace: $ns, first: 100) { edges { node { hostId appliedRevision } } } }",
                        vars("ns", "shop"));
                long reported = 0;
                for (JsonNode edge : hosts.at("/hosts/edges")) {
                    if (edge.at("/node/hostId").asString().startsWith("fifty-")
                            && edge.at("/node/appliedRevision").asInt() == expected) {
                        reported++;
                    }
                }
                assertThat(reported).isEqualTo(50);
            });
        } finally {
            clients.forEach(CascadeClient::close);
        }
    }

    @Test
    void theTypedViewIsRebuiltOncePerRevisionAndAThrowingListenerDoesNotStopTheOthers() {
        try (CascadeClient client = client("typed-1")) {
            ConfigView<Pool> view = client.view("/pool", Pool.class);
            Pool first = client.bind("/pool", Pool.class);
            assertThat(client.bind("/pool", Pool.class)).isSameAs(first);
            int builtBefore = Pool.BUILT.get();
            List<Long> heard = new CopyOnWriteArrayList<>();
            client.onChange(change -> {
                throw new IllegalStateException("a listener that fails");
            });
            client.onChange(change -> heard.add(change.revision()));

            int revision = Namespaces.putLayer(
                    admin,
                    "shop",
                    "{\"environment\": \"prod\"}",
                    "{\"pool\": {\"size\": 12, \"name\": \"typed\"}, \"color\": \"blue\"}");

            await().atMost(Duration.ofSeconds(20)).until(() -> client.revision() == revision);
            for (int i = 0; i < 1000; i++) {
                assertThat(view.get()).isEqualTo(new Pool(12, "typed"));
            }
            assertThat(Pool.BUILT.get() - builtBefore)
                    .as("objects built, the 1000 compared ones aside")
                    .isEqualTo(1 + 1000);
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 1);
            assertThat(heard).containsExactly((long) revision);
        }
    }

    @Test
    void aHostReportsItsHealthAndDuplicatesOfARevisionChangeNothing() throws Exception {
        try (CascadeClient client = client("health-1")) {
            assertThat(client.reportHealth(120, 3, 14.5).get()).isTrue();
            long revision = client.revision();
            List<Long> heard = new CopyOnWriteArrayList<>();
            client.onChange(change -> heard.add(change.revision()));
            // a layer of another site changes nothing this host resolves: no message, no call
            Namespaces.putLayer(admin, "shop", "{\"environment\": \"prod\", \"site\": \"elsewhere\"}", "{\"x\": 1}");
            int marker =
                    Namespaces.putLayer(admin, "shop", "{\"environment\": \"prod\", \"tenant\": \"zz\"}", "{\"x\": 2}");
            assertThat(marker).isGreaterThan((int) revision);
            assertThat(client.revision()).isEqualTo(revision);
            assertThat(heard).isEmpty();
        }
    }

    @Test
    void tenThousandRandomContextsEvaluateLocallyAsTheServerEvaluates() {
        try (CascadeClient client = client("flags-1")) {
            Random random = new Random(20261207);
            int checked = 0;
            for (int batch = 0; batch < 200; batch++) {
                List<Map<String, Object>> contexts = new ArrayList<>();
                StringBuilder query = new StringBuilder("query(");
                Map<String, Object> variables = new LinkedHashMap<>();
                for (int i = 0; i < 50; i++) {
                    Map<String, Object> context = randomContext(random);
                    contexts.add(context);
                    query.append(i == 0 ? "" : ", ").append("$c").append(i).append(": JSON!");
                    variables.put("c" + i, context);
                }
                query.append(") {");
                for (int i = 0; i < 50; i++) {
                    query.append(" e")
                            .append(i)
                            .append(": evaluateFlags(namespace: \"shop\", environment: \"prod\", context: $c")
                            .append(i)
                            .append(") { key value variation reason errorCode }");
                }
                query.append(" }");
                JsonNode answers = admin.data(query.toString(), variables);
                for (int i = 0; i < 50; i++) {
                    Map<String, EvaluationResult<Object>> local =
                            client.evaluateAll(EvaluationContext.of(contexts.get(i)));
                    JsonNode remote = answers.get("e" + i);
                    assertThat(local.keySet())
                            .as("flags for %s", contexts.get(i))
                            .containsExactlyElementsOf(keys(remote));
                    for (JsonNode evaluation : remote) {
                        EvaluationResult<Object> mine =
                                local.get(evaluation.get("key").asString());
                        String what = evaluation.get("key").asString() + " for " + contexts.get(i);
                        assertThat(mine.reason().name())
                                .as(what)
                                .isEqualTo(evaluation.get("reason").asString());
                        assertThat(mine.variation().orElse(null))
                                .as(what)
                                .isEqualTo(textOrNull(evaluation.get("variation")));
                        assertThat(mine.errorCode().map(Enum::name).orElse(null))
                                .as(what)
                                .isEqualTo(textOrNull(evaluation.get("errorCode")));
                        assertThat(sameJson(JSON.valueToTree(mine.value()), evaluation.get("value")))
                                .as(what + ": " + mine.value() + " vs " + evaluation.get("value"))
                                .isTrue();
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThanOrEqualTo(10_000);
        }
    }

    private static List<String> keys(JsonNode evaluations) {
        List<String> keys = new ArrayList<>();
        evaluations.forEach(evaluation -> keys.add(evaluation.get("key").asString()));
        return keys;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /** Equal JSON, numbers by value (1 and 1.0 are the same number). */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || a.isNull() || a.isMissingNode()) {
            return b == null || b.isNull() || b.isMissingNode();
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (String name : a.propertyNames()) {
                if (!sameJson(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static final List<String> COUNTRIES = List.of("US", "CA", "DE", "FR");
    private static final List<String> PLANS = List.of("free", "pro", "enterprise");
    private static final List<String> TENANTS = List.of("acme", "globex", "initech", "umbrella");
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "ap-south-1", "EU-north");

    /** A context with each attribute present, missing, or of a wrong type, at random. */
    static Map<String, Object> randomContext(Random random) {
        Map<String, Object> context = new LinkedHashMap<>();
        int keyKind = random.nextInt(20);
        if (keyKind == 0) {
            // no targeting key
        } else if (keyKind == 1) {
            context.put("targetingKey", "user-" + (1 + random.nextInt(2)));
        } else {
            context.put("targetingKey", "k-" + random.nextInt(1_000_000));
        }
        maybe(random, context, "country", COUNTRIES.get(random.nextInt(COUNTRIES.size())));
        maybe(random, context, "plan", PLANS.get(random.nextInt(PLANS.size())));
        maybe(random, context, "tenant", TENANTS.get(random.nextInt(TENANTS.size())));
        maybe(random, context, "region", REGIONS.get(random.nextInt(REGIONS.size())));
        int version = random.nextInt(6);
        if (version < 3) {
            context.put("appVersion", 30 + random.nextInt(40));
        } else if (version == 3) {
            context.put("appVersion", 41.5 + random.nextInt(20));
        } else if (version == 4) {
            context.put("appVersion", "57");
        }
        int mail = random.nextInt(4);
        if (mail == 0) {
            context.put("email", "x" + random.nextInt(100) + "@example.com");
        } else if (mail == 1) {
            context.put("email", "x@other.org");
        } else if (mail == 2) {
            context.put("email", 12);
        }
        return context;
    }

    private static void maybe(Random random, Map<String, Object> context, String name, String value) {
        int kind = random.nextInt(8);
        if (kind < 6) {
            context.put(name, value);
        } else if (kind == 6) {
            context.put(name, random.nextBoolean());
        }
    }
}
