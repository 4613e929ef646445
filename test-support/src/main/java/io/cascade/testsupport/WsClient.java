package io.cascade.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A graphql-transport-ws client over the JDK's WebSocket, as a host or tool speaks it: {@code
 * connection_init} with a key, then subscriptions whose messages queue up per id.
 */
public final class WsClient implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> control = new LinkedBlockingQueue<>();
    private final Map<String, BlockingQueue<JsonNode>> byId = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile boolean paused;

    /** One client for every connection: a WebSocket costs a socket, not a thread. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WsClient(String url) {
        socket = HTTP.newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener())
                .join();
    }

    /** Connects to {@code baseUrl}'s {@code /graphql} without initialising. */
    public static WsClient open(String baseUrl) {
        return new WsClient(baseUrl.replaceFirst("^http", "ws") + "/graphql");
    }

    /** Connects and initialises with {@code key}; waits for the acknowledgement. */
    public static WsClient connect(String baseUrl, String key) {
        WsClient client = open(baseUrl);
        client.init(key);
        JsonNode ack = client.nextControl(10);
        if (ack == null || !"connection_ack".equals(ack.path("type").asString(""))) {
            throw new IllegalStateException("no connection_ack but " + ack + ", closed " + client.closeCode(1));
        }
        return client;
    }

    public void init(String key) {
        send(Map.of("type", "connection_init", "payload", Map.of("authorization", "Bearer " + key)));
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        byId.computeIfAbsent(id, key -> new LinkedBlockingQueue<>());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("query", query);
        payload.put("variables", variables);
        send(Map.of("id", id, "type", "subscribe", "payload", payload));
    }

    public void complete(String id) {
        send(Map.of("id", id, "type", "complete"));
    }

    public void send(Map<String, Object> message) {
        socket.sendText(GraphQlClient.JSON.writeValueAsString(message), true).join();
    }

    /** The next message of subscription {@code id}, or null after {@code seconds}. */
    public JsonNode next(String id, int seconds) {
        try {
            return byId.computeIfAbsent(id, key -> new LinkedBlockingQueue<>()).poll(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Messages of {@code id} that have arrived and not been taken. */
    public int waiting(String id) {
        return byId.computeIfAbsent(id, key -> new LinkedBlockingQueue<>()).size();
    }

    public JsonNode nextControl(int seconds) {
        try {
            return control.poll(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The close code the server sent, -1 when the connection failed instead, or null when still open after {@code seconds}. */
    public Integer closeCode(int seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    public String closeReason() {
        return closeReason;
    }

    /** Stops reading from the socket, as a stalled client would; the server's messages back up. */
    public void pause() {
        paused = true;
    }

    /** Reads again: what the server sent meanwhile arrives, its close frame too. */
    public void resume() {
        paused = false;
        socket.request(1);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = GraphQlClient.JSON.readTree(partial.toString());
                partial.setLength(0);
                String id = message.path("id").asString(null);
                if (id == null) {
                    control.add(message);
                } else {
                    byId.computeIfAbsent(id, key -> new LinkedBlockingQueue<>()).add(message);
                }
            }
            if (!paused) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
