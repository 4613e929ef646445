package io.cascade.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One graphql-transport-ws connection to one server carrying the host's two subscriptions, {@code
 * configChanged} and {@code flagsChanged}. Messages and the end of the connection go to the {@link
 * Handler}, on the JDK's WebSocket threads: the handler hands them on and returns at once.
 */
public final class Subscription {

    /** What a subscription reports. */
    public interface Handler {
        void acknowledged();

        /** A {@code next} of subscription {@code id}: its {@code payload}. */
        void next(String id, JsonNode payload);

        /** The connection ended or failed; called once. */
        void closed(String why);
    }

    public static final String CONFIG = "config";
    public static final String FLAGS = "flags";

    private static final String CONFIG_QUERY = "subscription($ns: String!, $scope: JSON!, $host: String) "
            + "{ configChanged(namespace: $ns, scope: $scope, hostId: $host) { revision config } }";
    private static final String FLAGS_QUERY = "subscription($ns: String!, $env: String!, $host: String, $scope: JSON) "
            + "{ flagsChanged(namespace: $ns, environment: $env, hostId: $host, scope: $scope)"
            + " { revision flags segments attributes } }";

    private final JsonMapper json;
    private final Handler handler;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebSocket socket;
    /** The JDK sends one message at a time: each send waits for the one before. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Subscription(JsonMapper json, Handler handler) {
        this.json = json;
        this.handler = handler;
    }

    /**
     * Connects to {@code endpoint} and sends {@code connection_init}; blocks at most {@code timeout}
     * for the WebSocket handshake. Subscribes once the server acknowledges.
     */
    public static Subscription open(
            HttpClient http,
            JsonMapper json,
            URI endpoint,
            String apiKey,
            Map<String, Object> configVariables,
            Map<String, Object> flagsVariables,
            Duration timeout,
            Handler handler) {
        Subscription subscription = new Subscription(json, handler);
        Listener listener = subscription.new Listener(configVariables, flagsVariables);
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .subprotocols("graphql-transport-ws")
                    .connectTimeout(timeout)
                    .buildAsync(Endpoints.webSocket(endpoint), listener)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            subscription.socket = socket;
            ObjectNode init = json.createObjectNode();
            init.put("type", "connection_init");
            init.putObject("payload").put("authorization", "Bearer " + apiKey);
            subscription.send(socket, json.writeValueAsString(init));
            return subscription;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new TransportException(
                    endpoint + ": no WebSocket: " + cause.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(endpoint + ": interrupted", null);
        }
    }

    /** Closes the connection; the handler hears nothing more. Idempotent. */
    public void close() {
        ended.set(true);
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            current.abort();
        }
    }

    private void end(String why) {
        if (ended.compareAndSet(false, true)) {
            WebSocket current = socket;
            if (current != null) {
                current.abort();
            }
            handler.closed(why);
        }
    }

    private void send(WebSocket to, Map<String, Object> message) {
        send(to, json.writeValueAsString(message));
    }

    private synchronized void send(WebSocket to, String text) {
        sending = sending.handle((done, failure) -> null)
                .thenCompose(ignored -> to.sendText(text, true))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        end("could not send: " + failure.getClass().getSimpleName());
                    }
                });
    }

    private final class Listener implements WebSocket.Listener {

        private final Map<String, Object> configVariables;
        private final Map<String, Object> flagsVariables;
        private final StringBuilder text = new StringBuilder();

        Listener(Map<String, Object> configVariables, Map<String, Object> flagsVariables) {
            this.configVariables = configVariables;
            this.flagsVariables = flagsVariables;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                handle(webSocket, message);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(WebSocket webSocket, String message) {
            if (ended.get()) {
                return;
            }
            JsonNode node;
            try {
                node = json.readTree(message);
            } catch (RuntimeException e) {
                end("a message that is not JSON");
                return;
            }
            String type = node.path("type").asString("");
            switch (type) {
                case "connection_ack" -> {
                    send(
                            webSocket,
                            Map.of(
                                    "id",
                                    CONFIG,
                                    "type",
                                    "subscribe",
                                    "payload",
                                    Map.of("query", CONFIG_QUERY, "variables", configVariables)));
                    send(
                            webSocket,
                            Map.of(
                                    "id",
                                    FLAGS,
                                    "type",
                                    "subscribe",
                                    "payload",
                                    Map.of("query", FLAGS_QUERY, "variables", flagsVariables)));
                    handler.acknowledged();
                }
                case "next" -> handler.next(node.path("id").asString(""), node.path("payload"));
                case "ping" -> send(webSocket, Map.of("type", "pong"));
                case "pong" -> {}
                case "error" ->
                    end("subscription " + node.path("id").asString("") + " refused: " + node.path("payload"));
                case "complete" -> end("subscription " + node.path("id").asString("") + " completed by the server");
                default -> end("unexpected message type '" + type + "'");
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end("closed by the server with " + statusCode + (reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end("connection failed: " + error.getClass().getSimpleName());
        }
    }
}
