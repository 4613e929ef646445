package io.cascade.cli.http;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.error.Violation;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Selectors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GraphQL over HTTP ({@code POST /graphql}, JSON) with {@code Authorization: Bearer <key>}.
 * {@link #execute} returns {@code data} or throws a {@link CliException} whose status follows
 * the first error's {@code extensions.code}; an unreachable server is {@link
 * ExitStatus#UNREACHABLE}. Thread-safe.
 */
public final class GraphQlClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Connection connection;
    private final URI uri;
    private final HttpClient http;

    public GraphQlClient(Connection connection) {
        this.connection = connection;
        this.uri = connection.graphqlUri();
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Runs {@code query}; {@code null}-valued variables are left out, so the argument's default
     * applies. Returns the {@code data} object.
     */
    public JsonNode execute(String query, Map<String, ?> variables) {
        ObjectNode body = Json.object();
        body.put("query", query);
        ObjectNode vars = body.putObject("variables");
        variables.forEach((name, value) -> {
            if (value != null) {
                vars.set(name, Json.tree(value));
            }
        });
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + connection.key())
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body)))
                .build();
        HttpResponse<String> response = send(request);
        return answer(response.statusCode(), response.body());
    }

    /** Shorthand for variables given as name, value, name, value, ... */
    public JsonNode execute(String query, Object... namesAndValues) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return execute(query, variables);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unreachable("timed out", e);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (UnresolvedAddressException e) {
            throw unreachable("unknown host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted", e);
        }
    }

    private CliException unreachable(String why, Throwable cause) {
        return new CliException(
                ExitStatus.UNREACHABLE,
                "UNREACHABLE",
                "cannot reach " + connection.endpoint() + ": " + why,
                List.of(),
                cause);
    }

    /** Turns an HTTP answer into {@code data} or the right exception. Package-private for tests. */
    static JsonNode answer(int status, String body) {
        JsonNode json = parse(body);
        JsonNode errors = json == null ? null : json.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            throw error(errors.get(0));
        }
        if (status == 401) {
            throw CliException.fromApi("UNAUTHENTICATED", "the server did not accept the key (HTTP 401)", List.of());
        }
        if (status == 403) {
            throw CliException.fromApi("FORBIDDEN", "the key may not do this (HTTP 403)", List.of());
        }
        if (status == 413) {
            throw CliException.fromApi("LIMIT_EXCEEDED", "the request is too large (HTTP 413)", List.of());
        }
        JsonNode data = json == null ? null : json.get("data");
        if (status != 200 || data == null || !data.isObject()) {
            throw CliException.of(
                    ExitStatus.SERVER_ERROR,
                    "HTTP_" + status,
                    "unexpected answer from the server (HTTP " + status + ")" + (json == null ? ": not JSON" : ""));
        }
        return data;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static CliException error(JsonNode error) {
        JsonNode extensions = error.path("extensions");
        String code =
                extensions.path("code").isString() ? extensions.path("code").asString() : "INTERNAL_SERVER_ERROR";
        String message =
                error.path("message").isString() ? error.path("message").asString() : "(no message)";
        List<Violation> violations = new ArrayList<>();
        for (JsonNode violation : extensions.path("violations")) {
            violations.add(violation(violation));
        }
        return CliException.fromApi(code, message, violations);
    }

    /** A violation object as the API returns it (in errors and in validation reports). */
    public static Violation violation(JsonNode node) {
        JsonNode layer = node.get("layer");
        JsonNode rule = node.get("rule");
        return new Violation(
                Selectors.toMap(node.get("scope")),
                layer == null || layer.isNull() ? null : Selectors.toMap(layer),
                Json.cell(node.get("path")).equals("-") ? "" : Json.cell(node.get("path")),
                node.path("message").isString() ? node.path("message").asString() : "(no message)",
                rule == null || rule.isNull() ? null : Json.cell(rule));
    }
}
