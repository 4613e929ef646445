package io.cascade.gateway.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP to the servers, in failover order: a server that does not answer, or answers
 * 5xx, is skipped for the next. The gateway's own key rides along; a caller's key when checking it.
 */
final class ServerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<URI> endpoints;
    private final String key;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private volatile int preferred;

    ServerClient(List<URI> endpoints, String key, JsonMapper json) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("the gateway needs at least one server URL (CASCADE_SERVER_URL)");
        }
        this.endpoints = List.copyOf(endpoints);
        this.key = key;
        this.json = json;
    }

    /** {@code data} of a request made with the gateway's key; throws when no server answers or it refuses. */
    JsonNode data(String query, Map<String, Object> variables) {
        JsonNode body = post(query, variables, "Bearer " + key);
        JsonNode errors = body.get("errors");
        if (errors != null && !errors.isEmpty()) {
            throw new IllegalStateException(
                    "the server refused: " + errors.get(0).path("message").asString(""));
        }
        return body.get("data");
    }

    /** The whole answer to a request made with {@code authorization}. */
    JsonNode post(String query, Map<String, Object> variables, String authorization) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query);
        request.put("variables", variables);
        String body = json.writeValueAsString(request);
        IOException last = null;
        for (int attempt = 0; attempt < endpoints.size(); attempt++) {
            int index = (preferred + attempt) % endpoints.size();
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(endpoints.get(index).resolve("/graphql"))
                                .timeout(TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500) {
                    last = new IOException("HTTP " + response.statusCode() + " from " + endpoints.get(index));
                    continue;
                }
                preferred = index;
                return json.readTree(response.body());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("no server answered: " + last);
    }
}
