package io.cascade.client.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GraphQL over HTTP to one Cascade server: one blocking request at a time, from the client's worker
 * thread. A request that gets no answer, a non-200 answer or GraphQL errors throws {@link
 * TransportException}; the message names the endpoint and the error code, never the key.
 */
public final class GraphQlTransport {

    private final HttpClient http;
    private final JsonMapper json;
    private final String apiKey;
    private final Duration timeout;

    public GraphQlTransport(HttpClient http, JsonMapper json, String apiKey, Duration timeout) {
        this.http = http;
        this.json = json;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    /** The {@code data} of a successful answer. */
    public JsonNode post(URI endpoint, String query, Map<String, ?> variables) {
        return post(endpoint, query, variables, timeout);
    }

    /** The {@code data} of a successful answer, waiting at most {@code timeout}. */
    public JsonNode post(URI endpoint, String query, Map<String, ?> variables, Duration timeout) {
        ObjectNode body = json.createObjectNode();
        body.put("query", query);
        body.set("variables", json.valueToTree(variables));
        URI target = Endpoints.http(endpoint);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransportException(target + ": " + describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(target + ": interrupted", null);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new TransportException(
                    target + ": HTTP " + response.statusCode() + " with a body that is not JSON", null);
        }
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String code = first.path("extensions").path("code").asString(null);
            throw new TransportException(
                    target + ": " + code + ": " + first.path("message").asString(""), code);
        }
        if (response.statusCode() != 200) {
            throw new TransportException(target + ": HTTP " + response.statusCode(), null);
        }
        return answer.path("data");
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
