package io.cascade.server.observability;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.GraphQlClient.Response;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.TestServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spans and metrics of a real server, caught by the SDK's in-memory exporters. */
class TelemetryIT {

    static final String CREATE = "mutation CreateNs($n: String!) { createNamespace(name: $n) { name revision } }";
    static final String PUT =
            "mutation PutLayer($n: String!, $s: JSON!, $c: JSON!) { putLayer(namespace: $n, selector: $s, content: $c) { revision } }";
    static final String SCHEMA =
            "mutation Register($n: String!, $s: JSON!) { registerSchema(namespace: $n, schema: $s) { version } }";
    static final String RESOLVE =
            "query($n: String!, $s: JSON!) { resolveConfig(namespace: $n, scope: $s) { config } }";
    static final String CREATE_KEY =
            "mutation($n: String, $r: Role!) { createApiKey(namespace: $n, role: $r) { id secret } }";
    static final String REVOKE = "mutation($id: ID!) { revokeApiKey(id: $id) { id } }";

    /** A config value that must never reach telemetry. */
    static final String SECRET_VALUE = "s3cr3t-value";

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(InMemoryTelemetry.PROPERTIES);

    private static GraphQlClient graphql;
    private static InMemorySpanExporter spans;
    private static InMemoryMetricReader metrics;
    private static final List<String> createdSecrets = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        graphql = SERVER.get().client();
        spans = SERVER.get().bean(InMemorySpanExporter.class);
        metrics = SERVER.get().bean(InMemoryMetricReader.class);
    }

    static String newNamespace() {
        String name = "tel-" + NAMES.incrementAndGet();
        graphql.data(CREATE, vars("n", name));
        return name;
    }

    /** The one operation span with this name and namespace, once it has ended. */
    static SpanData operationSpan(String name, String namespace) {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(operationSpans(name, namespace)).hasSize(1));
        return operationSpans(name, namespace).get(0);
    }

    static List<SpanData> operationSpans(String name, String namespace) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(name))
                .filter(span -> namespace.equals(span.getAttributes().get(TelemetryAttributes.NAMESPACE)))
                .toList();
    }

    static List<SpanData> childrenOf(SpanData parent) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
                .toList();
    }

    static long counter(String metric, Attributes attributes) {
        return points(metric).stream()
                .filter(point -> point.getAttributes().equals(attributes))
                .mapToLong(point -> ((LongPointData) point).getValue())
                .sum();
    }

    static List<PointData> points(String metric) {
        return metrics.collectAllMetrics().stream()
                .filter(data -> data.getName().equals(metric))
                .flatMap(data -> data.getData().getPoints().stream())
                .map(PointData.class::cast)
                .toList();
    }

    static String pool() {
        return """
            {"type": "object",
             "properties": {
               "pool": {"type": "object", "x-cascade-overridable": ["environment"],
                        "properties": {"size": {"type": "integer", "minimum": 1}}},
               "token": {"type": "string"}}}
            """;
    }

    @Nested
    class OperationSpans {

        @Test
        void mutationSpanNamesOperationNamespaceOutcomeAndRequest() {
            String ns = newNamespace();
            graphql.data(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"token\": \"" + SECRET_VALUE + "\"}")));

            SpanData span = operationSpan("graphql.mutation PutLayer", ns);

            assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(span.getAttributes().get(TelemetryAttributes.OPERATION_TYPE))
                    .isEqualTo("mutation");
            assertThat(span.getAttributes().get(TelemetryAttributes.OPERATION_NAME))
                    .isEqualTo("PutLayer");
            assertThat(span.getAttributes().get(TelemetryAttributes.OUTCOME)).isEqualTo("ok");
            assertThat(span.getAttributes().get(TelemetryAttributes.REQUEST_ID)).isNotBlank();
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name")))
                    .isEqualTo("cascade-api-server");
        }

        @Test
        void createNamespaceNamesTheNamespaceItCreates() {
            String ns = newNamespace();

            SpanData span = operationSpan("graphql.mutation CreateNs", ns);

            assertThat(span.getAttributes().get(TelemetryAttributes.OUTCOME)).isEqualTo("ok");
        }

        @Test
        void anonymousOperationIsNamedByItsFirstField() {
            String ns = newNamespace();
            graphql.data(RESOLVE, vars("n", ns, "s", json("{}")));

            SpanData span = operationSpan("graphql.query resolveConfig", ns);

            assertThat(span.getAttributes().get(TelemetryAttributes.OPERATION_TYPE))
                    .isEqualTo("query");
            assertThat(span.getAttributes().get(TelemetryAttributes.OPERATION_NAME))
                    .isNull();
        }

        @Test
        void storeCommandsAreChildrenOfTheOperation() {
            String ns = newNamespace();
            graphql.data(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"a\": 1}")));

            SpanData operation = operationSpan("graphql.mutation PutLayer", ns);
            List<SpanData> commands = childrenOf(operation);

            assertThat(commands).isNotEmpty().allSatisfy(command -> {
                assertThat(command.getName()).startsWith("mongodb.");
                assertThat(command.getTraceId()).isEqualTo(operation.getTraceId());
                assertThat(command.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(command.getAttributes().get(TelemetryAttributes.DB_SYSTEM))
                        .isEqualTo("mongodb");
                assertThat(command.getAttributes().get(TelemetryAttributes.DB_OPERATION))
                        .isEqualTo(command.getName().substring("mongodb.".length()));
                assertThat(command.getAttributes().get(TelemetryAttributes.OUTCOME))
                        .isEqualTo("ok");
            });
            assertThat(commands).anySatisfy(command -> {
                assertThat(command.getName()).isEqualTo("mongodb.insert");
                assertThat(command.getAttributes().get(TelemetryAttributes.DB_COLLECTION))
                        .isNotBlank();
            });
        }

        @Test
        void storeCommandsOutsideOperationsMakeNoSpans() {
            newNamespace();

            assertThat(spans.getFinishedSpanItems())
                    .filteredOn(span -> span.getName().startsWith("mongodb."))
                    .isNotEmpty()
                    .allSatisfy(command ->
                            assertThat(command.getParentSpanContext().isValid()).isTrue());
        }

        @Test
        void refusedLayerEndsWithItsCode() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));

            Response refused =
                    graphql.post(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"pool\": {\"size\": 0}}")));

            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            SpanData span = operationSpan("graphql.mutation PutLayer", ns);
            assertThat(span.getAttributes().get(TelemetryAttributes.OUTCOME)).isEqualTo("VALIDATION_FAILED");
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        }

        @Test
        void unparsableRequestKeepsTheGenericName() {
            Response response = graphql.post("mutation { putLayer(");

            assertThat(response.code()).isEqualTo("GRAPHQL_PARSE_FAILED");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                            .anySatisfy(span -> {
                                assertThat(span.getName()).isEqualTo(GraphQlTelemetry.UNNAMED_SPAN);
                                assertThat(span.getAttributes().get(TelemetryAttributes.OUTCOME))
                                        .isEqualTo("GRAPHQL_PARSE_FAILED");
                            }));
        }
    }

    @Nested
    class Metrics {

        @Test
        void committedRevisionsAreCountedByNamespaceAndAction() {
            String ns = newNamespace();
            graphql.data(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"a\": 1}")));
            graphql.data(PUT, vars("n", ns, "s", json("{\"environment\": \"prod\"}"), "c", json("{\"a\": 2}")));

            assertThat(counter("cascade.revisions.committed", revision(ns, "namespace.create")))
                    .isEqualTo(1);
            assertThat(counter("cascade.revisions.committed", revision(ns, "layer.put")))
                    .isEqualTo(2);
        }

        @Test
        void everyExperimentAssignmentIsAnExposureByFlagAndVariation() {
            String ns = newNamespace();
            graphql.data(
                    "mutation($n: String!, $f: JSON!) { putFlag(namespace: $n, flag: $f) { revision } }",
                    vars("n", ns, "f", json("""
                    {"key": "exp", "type": "string", "variations": {"a": "A", "b": "B"},
                     "environments": {"prod": {"enabled": true, "offVariation": "a",
                       "fallthrough": {"split": [{"serve": "a", "weight": 50}, {"serve": "b", "weight": 50}], "experiment": true}}}}
                    """)));
            String evaluate =
                    "query($n: String!, $k: String!) { evaluateFlag(namespace: $n, environment: \"prod\", key: \"exp\", "
                            + "context: {targetingKey: $k}) { variation inExperiment } }";

            int a = 0;
            int b = 0;
            for (int i = 0; i < 20; i++) {
                String variation = graphql.data(evaluate, vars("n", ns, "k", "user-" + i))
                        .at("/evaluateFlag/variation")
                        .asString();
                if (variation.equals("a")) {
                    a++;
                } else {
                    b++;
                }
            }

            assertThat(counter("cascade.experiment.exposures", exposure(ns, "a")))
                    .isEqualTo(a);
            assertThat(counter("cascade.experiment.exposures", exposure(ns, "b")))
                    .isEqualTo(b);
            assertThat(counter(
                            "cascade.flag.evaluations",
                            Attributes.of(
                                    AttributeKey.stringKey("cascade.namespace"),
                                    ns,
                                    AttributeKey.stringKey("cascade.flag"),
                                    "exp",
                                    AttributeKey.stringKey("cascade.flag.reason"),
                                    "SPLIT")))
                    .isEqualTo(20);
        }

        private Attributes exposure(String ns, String variation) {
            return Attributes.of(
                    AttributeKey.stringKey("cascade.namespace"),
                    ns,
                    AttributeKey.stringKey("cascade.flag"),
                    "exp",
                    AttributeKey.stringKey("cascade.flag.variation"),
                    variation);
        }

        @Test
        void refusedChangesAreCountedByCodeAndNamespace() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));

            assertThat(graphql.post(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"pool\": {\"size\": 0}}")))
                            .code())
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(graphql.post(
                                    PUT,
                                    vars(
                                            "n",
                                            ns,
                                            "s",
                                            json("{\"tenant\": \"acme\"}"),
                                            "c",
                                            json("{\"pool\": {\"size\": 5}}")))
                            .code())
                    .isEqualTo("ILLEGAL_OVERRIDE");

            assertThat(counter("cascade.validation.failures", failure("VALIDATION_FAILED", ns)))
                    .isEqualTo(1);
            assertThat(counter("cascade.validation.failures", failure("ILLEGAL_OVERRIDE", ns)))
                    .isEqualTo(1);
            assertThat(counter("cascade.revisions.committed", revision(ns, "layer.put")))
                    .isZero();
        }

        @Test
        void authFailuresAreCountedByReason() {
            long missing = authFailures("missing");
            long malformed = authFailures("malformed");
            long invalid = authFailures("invalid");
            long revoked = authFailures("revoked");
            String revokedKey = revokedKey();

            assertThat(SERVER.get().anonymousClient().post(RESOLVE).status()).isEqualTo(401);
            assertThat(postWithAuthorization("Basic " + TestServer.ADMIN_KEY)).isEqualTo(401);
            assertThat(SERVER.get()
                            .anonymousClient()
                            .withKey("not-a-key")
                            .post(RESOLVE)
                            .status())
                    .isEqualTo(401);
            assertThat(SERVER.get()
                            .anonymousClient()
                            .withKey(revokedKey)
                            .post(RESOLVE)
                            .status())
                    .isEqualTo(401);

            assertThat(authFailures("missing")).isEqualTo(missing + 1);
            assertThat(authFailures("malformed")).isEqualTo(malformed + 1);
            assertThat(authFailures("invalid")).isEqualTo(invalid + 1);
            assertThat(authFailures("revoked")).isEqualTo(revoked + 1);
        }

        @Test
        void requestsAreCountedAndTimedByTypeAndOutcome() {
            Attributes okMutations =
                    Attributes.of(TelemetryAttributes.OPERATION_TYPE, "mutation", TelemetryAttributes.OUTCOME, "ok");
            long before = counter("cascade.graphql.requests", okMutations);
            long timedBefore = timed(okMutations);

            newNamespace();

            assertThat(counter("cascade.graphql.requests", okMutations)).isEqualTo(before + 1);
            assertThat(timed(okMutations)).isEqualTo(timedBefore + 1);
            MetricData duration = metrics.collectAllMetrics().stream()
                    .filter(data -> data.getName().equals("cascade.graphql.duration"))
                    .findFirst()
                    .orElseThrow();
            assertThat(duration.getUnit()).isEqualTo("ms");
        }

        private long timed(Attributes attributes) {
            return points("cascade.graphql.duration").stream()
                    .filter(point -> point.getAttributes().equals(attributes))
                    .mapToLong(point -> ((HistogramPointData) point).getCount())
                    .sum();
        }

        private Attributes revision(String ns, String action) {
            return Attributes.of(TelemetryAttributes.NAMESPACE, ns, TelemetryAttributes.ACTION, action);
        }

        private Attributes failure(String code, String ns) {
            return Attributes.of(TelemetryAttributes.ERROR_CODE, code, TelemetryAttributes.NAMESPACE, ns);
        }

        private long authFailures(String reason) {
            return counter("cascade.auth.failures", Attributes.of(TelemetryAttributes.AUTH_REASON, reason));
        }

        private String revokedKey() {
            var created = graphql.data(CREATE_KEY, vars("r", "ADMIN")).get("createApiKey");
            createdSecrets.add(created.get("secret").asString());
            graphql.data(REVOKE, vars("id", created.get("id").asString()));
            return created.get("secret").asString();
        }

        private int postWithAuthorization(String authorization) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(SERVER.get().baseUrl() + "/graphql"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ namespaces { totalCount } }\"}"))
                    .build();
            try {
                return HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class NoSecrets {

        @Test
        void noAttributeOrEventCarriesAKeyAHeaderOrAConfigValue() {
            String ns = newNamespace();
            graphql.data(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"token\": \"" + SECRET_VALUE + "\"}")));
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));
            assertThat(graphql.post(
                                    PUT,
                                    vars(
                                            "n",
                                            ns,
                                            "s",
                                            json("{}"),
                                            "c",
                                            json("{\"token\": 7, \"note\": \"" + SECRET_VALUE + "\"}")))
                            .code())
                    .isEqualTo("VALIDATION_FAILED");
            var created = graphql.data(CREATE_KEY, vars("n", ns, "r", "VIEWER")).get("createApiKey");
            createdSecrets.add(created.get("secret").asString());
            var webhook = graphql.data(
                            "mutation($n: String!) { createWebhook(namespace: $n, url: \"https://93.184.216.34/hook\","
                                    + " events: [\"rollout.*\"]) { id secret } }",
                            vars("n", ns))
                    .get("createWebhook");
            createdSecrets.add(webhook.get("secret").asString());
            createdSecrets.add(graphql.data(
                            "mutation($n: String!, $w: ID!) { rotateWebhookSecret(namespace: $n, id: $w) { secret } }",
                            vars("n", ns, "w", webhook.get("id").asString()))
                    .at("/rotateWebhookSecret/secret")
                    .asString());
            SERVER.get().anonymousClient().withKey(SECRET_VALUE).post(RESOLVE, vars("n", ns, "s", json("{}")));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(operationSpans("graphql.mutation PutLayer", ns))
                            .hasSize(2));

            List<String> forbidden = new ArrayList<>(List.of(TestServer.ADMIN_KEY, "Bearer", SECRET_VALUE));
            forbidden.addAll(createdSecrets);
            List<String> emitted = emittedStrings();

            assertThat(emitted).isNotEmpty();
            for (String secret : forbidden) {
                assertThat(emitted).noneMatch(text -> text.contains(secret));
            }
        }

        private List<String> emittedStrings() {
            List<String> texts = new ArrayList<>();
            for (SpanData span : spans.getFinishedSpanItems()) {
                texts.add(span.getName());
                texts.add(span.getStatus().getDescription());
                addAll(texts, span.getAttributes());
                addAll(texts, span.getResource().getAttributes());
                span.getEvents().forEach(event -> {
                    texts.add(event.getName());
                    addAll(texts, event.getAttributes());
                });
            }
            for (MetricData metric : metrics.collectAllMetrics()) {
                texts.add(metric.getName());
                metric.getData().getPoints().forEach(point -> addAll(texts, point.getAttributes()));
            }
            return texts;
        }

        private void addAll(List<String> texts, Attributes attributes) {
            attributes.forEach((key, value) -> {
                texts.add(key.getKey());
                texts.add(
                        value instanceof Collection<?> values
                                ? String.join(
                                        ",",
                                        values.stream().map(String::valueOf).toList())
                                : String.valueOf(value));
            });
        }
    }
}
