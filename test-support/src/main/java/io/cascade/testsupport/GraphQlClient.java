package io.cascade.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GraphQL over real HTTP, as any outside client would speak it. */
public final class GraphQlClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String authorization;

    /** Variables from name/value pairs; values may be null. */
    public static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** JSON text as the plain Java value a GraphQL JSON variable carries. */
    public static Object json(String text) {
        return JSON.readValue(text, Object.class);
    }

    GraphQlClient(String url) {
        this.url = url;
    }

    public GraphQlClient withKey(String key) {
        GraphQlClient copy = new GraphQlClient(url);
        copy.authorization = key == null ? null : "Bearer " + key;
        return copy;
    }

    /** Posts a request and returns the HTTP status and parsed body. */
    public Response post(String query, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return postRaw(JSON.writeValueAsString(body));
    }

    public Response post(String query) {
        return post(query, Map.of());
    }

    public Response postRaw(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts and asserts success: HTTP 200 and no errors. Returns {@code data}. */
    public JsonNode data(String query, Map<String, ?> variables) {
        Response response = post(query, variables);
        assertThat(response.errors()).as("errors of %s", query).isEmpty();
        assertThat(response.status()).isEqualTo(200);
        return response.body().get("data");
    }

    public JsonNode data(String query) {
        return data(query, Map.of());
    }

    /** An HTTP answer. */
    public record Response(int status, JsonNode body) {

        public JsonNode errors() {
            JsonNode errors = body.get("errors");
            return errors == null ? JSON.createArrayNode() : errors;
        }

        /** The code of the first error, or null. */
        public String code() {
            JsonNode errors = errors();
            return errors.isEmpty()
                    ? null
                    : errors.get(0).path("extensions").path("code").asString(null);
        }

        public JsonNode firstError() {
            return errors().get(0);
        }
    }
}
