package io.cascade.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.flag.EvaluationResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared evaluation vectors of docs/spec, through the client's public API: the documents come
 * to the client as JSON from a server, as they do in production.
 */
class EvaluationVectorsTest {

    private static final Path SPEC = Path.of(System.getProperty("cascade.spec.dir", "../docs/spec"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @SuppressWarnings("unchecked")
    void theClientAnswersEveryVector() throws IOException {
        Map<String, Object> vectors = JSON.readValue(
                Files.readString(SPEC.resolve("evaluation-vectors.json"), StandardCharsets.UTF_8), Map.class);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("resolveConfig", Map.of("revision", 5, "config", Map.of()));
        snapshot.put(
                "flagSnapshot",
                Map.of("revision", 5, "flags", vectors.get("flags"), "segments", vectors.get("segments")));
        byte[] body = JSON.writeValueAsBytes(Map.of("data", snapshot));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/graphql", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (CascadeClient client = CascadeClient.builder()
                .endpoints(List.of(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort())))
                .apiKey("sdk-test")
                .namespace("spec")
                .scope(Map.of("environment", (String) vectors.get("environment")))
                .hostId("vectors")
                .build()
                .start(Duration.ofSeconds(10))) {
            List<String> failures = new ArrayList<>();
            List<Map<String, Object>> cases = (List<Map<String, Object>>) vectors.get("cases");
            for (Map<String, Object> vector : cases) {
                Map<String, Object> actual = answer(evaluate(client, vector));
                if (!same(actual, vector.get("expected"))) {
                    failures.add(vector.get("flag") + " (" + vector.get("type") + ") for " + vector.get("context")
                            + ": expected " + vector.get("expected") + " but was " + actual);
                }
            }
            assertThat(cases).hasSizeGreaterThan(300);
            assertThat(failures).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static EvaluationResult<?> evaluate(CascadeClient client, Map<String, Object> vector) {
        String key = (String) vector.get("flag");
        EvaluationContext context = EvaluationContext.of((Map<String, Object>) vector.get("context"));
        Object fallback = vector.get("default");
        return switch ((String) vector.get("type")) {
            case "boolean" -> client.booleanFlagDetail(key, context, (Boolean) fallback);
            case "string" -> client.stringFlagDetail(key, context, (String) fallback);
            case "number" -> client.numberFlagDetail(key, context, (Number) fallback);
            case "json" -> client.jsonFlagDetail(key, context, fallback);
            default -> client.flagDetail(key, context);
        };
    }

    private static Map<String, Object> answer(EvaluationResult<?> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", result.value());
        out.put("variation", result.variation().orElse(null));
        out.put("reason", result.reason().name());
        out.put("ruleId", result.ruleId().orElse(null));
        out.put("errorCode", result.errorCode().map(Enum::name).orElse(null));
        return out;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object name : x.keySet()) {
                if (!same(x.get(name), y.get(name))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
