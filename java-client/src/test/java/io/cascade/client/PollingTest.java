package io.cascade.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers GraphQL over HTTP but no WebSocket: the client polls, applies what is newer,
 * reports it, and never has two requests in flight.
 */
class PollingTest {

    private HttpServer server;
    private final AtomicInteger revision = new AtomicInteger(3);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger reports = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/graphql", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            if (body.contains("reportApplied")) {
                reports.incrementAndGet();
                answer = "{\"data\": {\"reportApplied\": true}}";
            } else {
                fetches.incrementAndGet();
                int now = revision.get();
                answer = "{\"data\": {\"resolveConfig\": {\"revision\": " + now + ", \"config\": {\"size\": " + now
                        + "}}, \"flagSnapshot\": {\"revision\": " + now + ", \"flags\": [], \"segments\": []}}}";
            }
            Thread.sleep(5); // a server that takes a moment to answer, so overlapping polls would show
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    @Test
    void withoutASubscriptionTheClientPollsAppliesNewerRevisionsAndReportsThem() {
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setMeterProvider(
                        SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        try (otel;
                CascadeClient client = CascadeClient.builder()
                        .endpoints(List.of(URI.create(
                                "http://127.0.0.1:" + server.getAddress().getPort())))
                        .apiKey("sdk-test")
                        .namespace("shop")
                        .scope(Map.of("environment", "prod"))
                        .hostId("poller")
                        .pollInterval(Duration.ofMillis(50))
                        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                        .openTelemetry(otel)
                        .build()
                        .start(Duration.ofSeconds(10))) {
            assertThat(client.revision()).isEqualTo(3);
            List<Long> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            client.onChange(change -> heard.add(change.revision()));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.connectionState() == ConnectionState.DISCONNECTED);

            revision.set(4);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.revision() == 4);
            assertThat(client.config().get("size").asInt()).isEqualTo(4);
            int seen = fetches.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> fetches.get() > seen + 5);

            assertThat(heard).containsExactly(4L);
            assertThat(reports.get()).isEqualTo(2);
            assertThat(mostInFlight.get()).isEqualTo(1);

            client.booleanFlag("no-such-flag", io.cascade.evaluator.flag.EvaluationContext.ofKey("u"), false);
            Map<String, MetricData> byName = new java.util.HashMap<>();
            metrics.collectAllMetrics().forEach(metric -> byName.put(metric.getName(), metric));
            assertThat(byName)
                    .containsKeys(
                            "cascade.client.staleness",
                            "cascade.client.fetch.duration",
                            "cascade.client.applies",
                            "cascade.client.evaluations");
            assertThat(byName.get("cascade.client.applies").getLongSumData().getPoints())
                    .hasSize(2) // config and flags, each applied at revisions 3 and 4
                    .allSatisfy(point -> assertThat(point.getValue()).isEqualTo(2))
                    .allSatisfy(point -> assertThat(point.getAttributes().get(AttributeKey.stringKey("source")))
                            .isEqualTo("server"));
            assertThat(byName.get("cascade.client.evaluations").getLongSumData().getPoints())
                    .anySatisfy(point -> {
                        assertThat(point.getAttributes().get(AttributeKey.stringKey("reason")))
                                .isEqualTo("ERROR");
                        assertThat(point.getValue()).isEqualTo(1);
                    });
            assertThat(byName.get("cascade.client.staleness")
                            .getDoubleGaugeData()
                            .getPoints())
                    .singleElement()
                    .satisfies(point -> assertThat(point.getValue()).isGreaterThanOrEqualTo(0));
        }
    }
}
