package io.cascade.bench;

import com.sun.net.httpserver.HttpServer;
import io.cascade.client.CascadeClient;
import io.cascade.client.ConfigView;
import io.cascade.evaluator.flag.EvaluationContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads through the Java client's public API, as a host does on its request path: a typed config
 * read from the client's cache ({@code ConfigView.get()}, and {@code bind(pointer, type)}, which
 * looks the view up), and local flag evaluations with a context the host reuses.
 *
 * <p>The client is started against a stub server on loopback that answers the start-up fetch (no
 * subscription, so nothing changes during the run).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ClientBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientBenchmark {

    private static final String ANSWER = """
            {"data": {
              "resolveConfig": {"revision": 7, "config": {"pool": {"size": 50, "name": "main", "timeoutMs": 250}}},
              "flagSnapshot": {"revision": 7, "segments": [
                 {"key": "beta", "included": ["acme", "globex"], "excluded": [], "when": "plan == \\"enterprise\\""}],
               "flags": [
                 {"key": "plain", "type": "boolean", "variations": {"on": true, "off": false},
                  "environments": {"prod": {"enabled": true, "offVariation": "off", "fallthrough": {"serve": "on"}}}},
                 {"key": "rule", "type": "boolean", "variations": {"on": true, "off": false},
                  "environments": {"prod": {"enabled": true, "offVariation": "off",
                    "rules": [{"id": "r", "when": "country in [\\"US\\", \\"CA\\"] and plan == \\"enterprise\\" and appVersion >= 42", "serve": "on"}],
                    "fallthrough": {"serve": "off"}}}},
                 {"key": "rollout", "type": "string", "variations": {"a": "A", "b": "B"},
                  "environments": {"prod": {"enabled": true, "offVariation": "a",
                    "fallthrough": {"split": [{"serve": "a", "weight": 25}, {"serve": "b", "weight": 75}]}}}}]}}}
            """;

    /** What the host binds. */
    public record Pool(int size, String name, int timeoutMs) {}

    private HttpServer server;
    private CascadeClient client;
    private ConfigView<Pool> view;
    private EvaluationContext context;

    @Setup
    public void setUp() throws IOException {
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/graphql", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = CascadeClient.builder()
                .endpoints(List.of(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort())))
                .apiKey("bench")
                .namespace("bench")
                .scope(Map.of("environment", "prod"))
                .hostId("bench")
                .pollInterval(Duration.ofHours(1))
                .reconnectBackoff(Duration.ofHours(1), Duration.ofHours(1))
                .build()
                .start(Duration.ofSeconds(10));
        view = client.view("/pool", Pool.class);
        context = EvaluationContext.builder()
                .targetingKey("user-42")
                .set("country", "US")
                .set("plan", "enterprise")
                .set("appVersion", 57)
                .build()
                .boundTo(client.flagSet());
    }

    @TearDown
    public void tearDown() {
        client.close();
        server.stop(0);
    }

    @Benchmark
    public Pool typedReadFromView() {
        return view.get();
    }

    @Benchmark
    public Pool typedReadByBind() {
        return client.bind("/pool", Pool.class);
    }

    @Benchmark
    public boolean plainFlag() {
        return client.booleanFlag("plain", context, false);
    }

    @Benchmark
    public boolean threeConditionRule() {
        return client.booleanFlag("rule", context, false);
    }

    @Benchmark
    public String percentageRollout() {
        return client.stringFlag("rollout", context, "a");
    }
}
