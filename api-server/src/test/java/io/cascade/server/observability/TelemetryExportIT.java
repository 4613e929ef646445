package io.cascade.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OTLP over HTTP to a loopback collector, configured the way operators do it: {@code otel.*} / {@code OTEL_*}. */
class TelemetryExportIT {

    private HttpServer collector;
    private final List<Export> exports = new CopyOnWriteArrayList<>();

    record Export(String path, String contentType, byte[] body) {
        boolean contains(String text) {
            return new String(body, StandardCharsets.ISO_8859_1).contains(text);
        }
    }

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", this::receive);
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            exports.add(new Export(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body.readAllBytes()));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Test
    void tracesAndMetricsReachTheEndpointAndAreFlushedAtShutdown() {
        String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
        // Long intervals: whatever arrives was flushed by the context's shutdown.
        TestServer server = TestServer.start(Map.of(
                "otel.exporter.otlp.endpoint", endpoint,
                "otel.bsp.schedule.delay", "60000",
                "otel.metric.export.interval", "60000"));
        try {
            GraphQlClient graphql = server.client();
            graphql.data(
                    "mutation Create($n: String!) { createNamespace(name: $n) { name } }", Map.of("n", "exported"));
            graphql.data(
                    "mutation Put($n: String!, $s: JSON!, $c: JSON!) { putLayer(namespace: $n, selector: $s, content: $c) { revision } }",
                    Map.of("n", "exported", "s", Map.of(), "c", Map.of("token", TelemetryIT.SECRET_VALUE)));
        } finally {
            server.close();
        }

        assertThat(exports).anySatisfy(export -> {
            assertThat(export.path()).isEqualTo("/v1/traces");
            assertThat(export.contentType()).isEqualTo("application/x-protobuf");
            assertThat(export.contains("graphql.mutation Put")).isTrue();
            assertThat(export.contains("mongodb.insert")).isTrue();
            assertThat(export.contains("cascade-api-server")).isTrue();
        });
        assertThat(exports).anySatisfy(export -> {
            assertThat(export.path()).isEqualTo("/v1/metrics");
            assertThat(export.contains("cascade.revisions.committed")).isTrue();
        });
        assertThat(exports).allSatisfy(export -> {
            assertThat(export.contains(TestServer.ADMIN_KEY)).isFalse();
            assertThat(export.contains("Bearer")).isFalse();
            assertThat(export.contains(TelemetryIT.SECRET_VALUE)).isFalse();
        });
    }
}
