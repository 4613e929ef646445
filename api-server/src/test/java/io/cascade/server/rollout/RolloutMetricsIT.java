package io.cascade.server.rollout;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.server.observability.InMemoryTelemetry;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rollout metrics of a real server: rollouts by state, finished ones by final state, aborts by cause. */
class RolloutMetricsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(properties());

    private static Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(InMemoryTelemetry.PROPERTIES);
        properties.put("cascade.rollout.tick", "PT0.2S");
        properties.put("cascade.rollout.lease", "PT3S");
        return properties;
    }

    private static final AttributeKey<String> STATE = AttributeKey.stringKey("cascade.rollout.state");
    private static final AttributeKey<String> CAUSE = AttributeKey.stringKey("cascade.rollout.abort_cause");
    private static final AttributeKey<String> KIND = AttributeKey.stringKey("cascade.rollout.kind");
    private static final String START = "mutation($ns: String!, $p: JSON!, $c: JSON) "
            + "{ startRollout(namespace: $ns, plan: $p, changes: $c) { id candidateRevision } }";
    private static final String MOVE = "mutation($ns: String!, $id: ID!) { %s(namespace: $ns, id: $id) { state } }";
    private static final String LONG_BAKE = "{\"stages\": [{\"hosts\": {\"all\": true}, \"bakeSeconds\": 3600},"
            + " {\"hosts\": {\"all\": true}}], \"gates\": [{\"metric\": \"errorRate\", \"max\": 0.05, \"minRequests\": 10}],"
            + " \"abortOnAlert\": {\"service\": \"%s\"}}";
    private static final String CHANGE =
            "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"limit\": 2}}]";

    private static GraphQlClient admin() {
        return SERVER.get().client();
    }

    private static InMemoryMetricReader metrics() {
        return SERVER.get().bean(InMemoryMetricReader.class);
    }

    private static long sum(String metric, Attributes attributes) {
        long total = 0;
        for (MetricData data : metrics().collectAllMetrics()) {
            if (!data.getName().equals(metric)) {
                continue;
            }
            for (LongPointData point : data.getLongSumData().getPoints()) {
                if (point.getAttributes().equals(attributes)) {
                    total += point.getValue();
                }
            }
        }
        return total;
    }

    private static long gauge(String metric, Attributes attributes) {
        for (MetricData data : metrics().collectAllMetrics()) {
            if (!data.getName().equals(metric)) {
                continue;
            }
            for (LongPointData point : data.getLongGaugeData().getPoints()) {
                if (point.getAttributes().equals(attributes)) {
                    return point.getValue();
                }
            }
        }
        return -1;
    }

    private static String start(String namespace, String service) {
        admin().data("mutation($n: String!) { createNamespace(name: $n) { revision } }", vars("n", namespace));
        return admin().data(
                        START, vars("ns", namespace, "p", json(String.format(LONG_BAKE, service)), "c", json(CHANGE)))
                .at("/startRollout/id")
                .asString();
    }

    @Test
    void rolloutsAreCountedByStateAndAbortsByCause() throws Exception {
        Attributes config = Attributes.of(KIND, "CONFIG");
        long startedBefore = sum("cascade.rollouts.started", config);

        String byOperator = start("metrics-operator", "none");
        String paused = start("metrics-paused", "none");
        String byGate = start("metrics-gate", "none");
        String byAlert = start("metrics-alert", "checkout");
        String completed = start("metrics-complete", "none");
        admin().data(String.format(MOVE, "pauseRollout"), vars("ns", "metrics-paused", "id", paused));

        assertThat(sum("cascade.rollouts.started", config)).isEqualTo(startedBefore + 5);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(gauge("cascade.rollouts.active", Attributes.of(STATE, "RUNNING")))
                    .isEqualTo(4);
            assertThat(gauge("cascade.rollouts.active", Attributes.of(STATE, "PAUSED")))
                    .isEqualTo(1);
        });

        admin().data(
                        "mutation($ns: String!, $id: ID!) { abortRollout(namespace: $ns, id: $id, reason: \"no\") { state } }",
                        vars("ns", "metrics-operator", "id", byOperator));
        String sdk = SERVER.get().createKey("metrics-gate", "SDK", "prod");
        GraphQlClient host = SERVER.get().anonymousClient().withKey(sdk);
        int candidate = admin().data(
                        "query($ns: String!, $id: ID!) { rollout(namespace: $ns, id: $id) { candidateRevision } }",
                        vars("ns", "metrics-gate", "id", byGate))
                .at("/rollout/candidateRevision")
                .asInt();
        host.data(
                "mutation($r: Int!) { reportApplied(namespace: \"metrics-gate\", hostId: \"h-1\","
                        + " scope: {environment: \"prod\"}, revision: $r) }",
                vars("r", candidate));
        host.data(
                "mutation($r: Int!) { reportHealth(namespace: \"metrics-gate\", hostId: \"h-1\", revision: $r,"
                        + " metrics: {requests: 20, errors: 10}) }",
                vars("r", candidate));
        HttpResponse<String> alert = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SERVER.get().baseUrl() + "/hooks/alertmanager"))
                                .header(
                                        "Authorization",
                                        "Bearer " + SERVER.get().createKey(null, "ADMIN", null))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"4\", \"status\": \"firing\","
                                        + " \"receiver\": \"cascade\", \"alerts\": [{\"status\": \"firing\","
                                        + " \"labels\": {\"alertname\": \"Down\", \"service\": \"checkout\"}}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(alert.body()).contains(byAlert);
        admin().data(String.format(MOVE, "advanceRollout"), vars("ns", "metrics-complete", "id", completed));
        admin().data(String.format(MOVE, "advanceRollout"), vars("ns", "metrics-complete", "id", completed));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(sum("cascade.rollouts.aborts", Attributes.of(KIND, "CONFIG", CAUSE, "operator")))
                    .isEqualTo(1);
            assertThat(sum("cascade.rollouts.aborts", Attributes.of(KIND, "CONFIG", CAUSE, "gate")))
                    .isEqualTo(1);
            assertThat(sum("cascade.rollouts.aborts", Attributes.of(KIND, "CONFIG", CAUSE, "alert")))
                    .isEqualTo(1);
            assertThat(sum("cascade.rollouts.finished", Attributes.of(KIND, "CONFIG", STATE, "ABORTED")))
                    .isEqualTo(3);
            assertThat(sum("cascade.rollouts.finished", Attributes.of(KIND, "CONFIG", STATE, "COMPLETED")))
                    .isEqualTo(1);
            assertThat(gauge("cascade.rollouts.active", Attributes.of(STATE, "RUNNING")))
                    .isZero();
            assertThat(gauge("cascade.rollouts.active", Attributes.of(STATE, "PAUSED")))
                    .isEqualTo(1);
        });
    }
}
