package io.cascade.gateway.ws;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.cascade.gateway.api.GatewayException;
import io.cascade.gateway.hub.SharedMessages;
import io.cascade.gateway.spi.Caller;
import io.cascade.gateway.spi.KeyVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import reactor.core.publisher.Flux;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The graphql-transport-ws protocol (the one the {@code graphql-ws} library speaks) on a plain
 * WebSocket: {@code connection_init} with {@code {"authorization": "Bearer <key>"}}, then {@code
 * subscribe}/{@code next}/{@code complete}, {@code ping}/{@code pong}.
 *
 * <p>NOTES. Unlike Spring's own handler, a session costs no thread: subscriptions run on the
 * hub's fan-out threads and sends are asynchronous ({@link Connection}). Each connection's key is checked
 * again every {@code recheck} interval, so a revoked key's subscriptions end within it. Close codes
 * are the library's ({@link CloseCodes}).
 */
public final class TransportWsHandler extends TextWebSocketHandler implements SubProtocolCapable {

    private static final Logger log = LoggerFactory.getLogger(TransportWsHandler.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    /** The GraphQL context entry subscriptions read the caller from. */
    public static final String CALLER = "cascade.caller";
    /** The GraphQL context entries with the subscriber's {@link Connection} and its subscription id. */
    public static final String CONNECTION = "cascade.connection";

    public static final String SUBSCRIPTION_ID = "cascade.subscription";

    private final ExecutionGraphQlService graphQl;
    private final KeyVerifier keys;
    private final JsonMapper json;
    private final SharedMessages shared;
    private final GatewayLimits limits;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** What connections that are gone sent and coalesced, so that the totals never go down. */
    private final AtomicLong closedSent = new AtomicLong();

    private final AtomicLong closedCoalesced = new AtomicLong();
    private final AtomicLong closedTooSlow = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cascade-gateway-timer");
        thread.setDaemon(true);
        return thread;
    });

    public TransportWsHandler(
            ExecutionGraphQlService graphQl,
            KeyVerifier keys,
            JsonMapper json,
            SharedMessages shared,
            GatewayLimits limits) {
        this.graphQl = graphQl;
        this.keys = keys;
        this.json = json;
        this.shared = shared;
        this.limits = limits;
        long stallCheck = Math.max(1, limits.stallLimit().toMillis() / 4);
        timer.scheduleWithFixedDelay(this::closeStalled, stallCheck, stallCheck, TimeUnit.MILLISECONDS);
        long recheck = limits.keyRecheck().toMillis();
        timer.scheduleWithFixedDelay(this::recheckKeys, recheck, recheck, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of("graphql-transport-ws");
    }

    public int connections() {
        return connections.size();
    }

    /** Messages sent since start, by open and closed connections. */
    public long sent() {
        return closedSent.get()
                + connections.values().stream().mapToLong(Connection::sent).sum();
    }

    /** States replaced by a newer one before a slow subscriber read them, since start. */
    public long coalesced() {
        return closedCoalesced.get()
                + connections.values().stream().mapToLong(Connection::coalesced).sum();
    }

    /** Connections closed with {@link CloseCodes#TOO_SLOW} since start. */
    public long closedTooSlow() {
        return closedTooSlow.get();
    }

    /**
     * Messages may come in parts: the container then reads each connection through a buffer of its
     * default size (8 Ki characters) instead of one as large as the largest message allowed, which
     * for 10 000 connections was 1.3 GB of the heap.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setBinaryMessageSizeLimit(1024);
        Connection connection = new Connection(session, json, limits);
        connections.put(session.getId(), connection);
        timer.schedule(
                () -> {
                    if (connection.caller() == null) {
                        connection.close(CloseCodes.INIT_TIMEOUT, "Connection initialisation timeout");
                    }
                },
                limits.initTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage text) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        String whole = connection.assemble(text.getPayload(), text.isLast(), limits.maxQueryLength());
        if (whole == null) {
            return;
        }
        Map<String, Object> message;
        try {
            message = json.readValue(whole, OBJECT);
        } catch (JacksonException e) {
            connection.close(CloseCodes.BAD_REQUEST, "Invalid message: not a JSON object");
            return;
        }
        Object type = message.get("type");
        if (!(type instanceof String kind)) {
            connection.close(CloseCodes.BAD_REQUEST, "Invalid message: no type");
            return;
        }
        switch (kind) {
            case "connection_init" -> initialise(connection, message.get("payload"));
            case "ping" -> connection.pong();
            case "pong" -> {}
            case "subscribe" -> subscribe(connection, message);
            case "complete" -> complete(connection, message.get("id"));
            default -> connection.close(CloseCodes.BAD_REQUEST, "Invalid message type '" + shorten(kind) + "'");
        }
    }

    private void initialise(Connection connection, Object payload) {
        if (!connection.startInit()) {
            connection.close(CloseCodes.TOO_MANY_INIT, "Too many initialisation requests");
            return;
        }
        Object authorization = payload instanceof Map<?, ?> map ? map.get("authorization") : null;
        Optional<Caller> caller = authorization instanceof String value ? keys.verify(value) : Optional.empty();
        if (caller.isEmpty()) {
            connection.close(CloseCodes.FORBIDDEN, "Forbidden: a valid API key is required");
            return;
        }
        connection.accept(caller.get(), (String) authorization);
    }

    @SuppressWarnings("unchecked")
    private void subscribe(Connection connection, Map<String, Object> message) {
        if (connection.caller() == null) {
            connection.close(CloseCodes.UNAUTHORIZED, "Unauthorized");
            return;
        }
        Object id = message.get("id");
        Object payload = message.get("payload");
        if (!(id instanceof String key) || key.isEmpty() || key.length() > 128 || !(payload instanceof Map<?, ?>)) {
            connection.close(CloseCodes.BAD_REQUEST, "Invalid message: subscribe needs an id and a payload");
            return;
        }
        Map<String, Object> request = (Map<String, Object>) payload;
        if (!(request.get("query") instanceof String query) || query.length() > limits.maxQueryLength()) {
            connection.close(CloseCodes.BAD_REQUEST, "Invalid message: the payload needs a query");
            return;
        }
        if (connection.subscriptions() >= limits.maxSubscriptionsPerConnection()) {
            connection.error(
                    key,
                    List.of(Errors.of(
                            "LIMIT_EXCEEDED",
                            "at most " + limits.maxSubscriptionsPerConnection() + " subscriptions per connection")));
            return;
        }
        if (!connection.reserve(key)) {
            connection.close(CloseCodes.SUBSCRIBER_EXISTS, "Subscriber for " + shorten(key) + " already exists");
            return;
        }
        Map<String, Object> variables =
                request.get("variables") instanceof Map<?, ?> vars ? (Map<String, Object>) vars : Map.of();
        String operation = request.get("operationName") instanceof String name ? name : null;
        DefaultExecutionGraphQlRequest execution =
                new DefaultExecutionGraphQlRequest(query, operation, variables, Map.of(), key, null);
        Caller caller = connection.caller();
        execution.configureExecutionInput((input, builder) -> builder.graphQLContext(
                        Map.of(CALLER, caller, CONNECTION, connection, SUBSCRIPTION_ID, key))
                .build());
        graphQl.execute(execution)
                .subscribe(response -> start(connection, key, response.getExecutionResult()), failure -> {
                    log.warn("Subscription {} failed to start: {}", key, failure.toString());
                    connection.error(key, List.of(Errors.of("INTERNAL_SERVER_ERROR", "subscription failed")));
                });
    }

    private void start(Connection connection, String id, ExecutionResult result) {
        Object data = result.getData();
        if (!(data instanceof Publisher<?> publisher)) {
            // Refused (or not a subscription): the errors, or the one answer, then complete.
            connection.next(id, Errors.withCodes(result));
            connection.complete(id);
            return;
        }
        @SuppressWarnings("unchecked")
        Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) publisher;
        // Written once per subscription: the message's start, and its root key as JSON (results
        // come one at a time, so the last key is kept without locking).
        String prefix = connection.nextPrefix(id);
        String[] root = new String[2];
        connection.attach(
                id,
                Flux.from(results)
                        .subscribe(
                                next -> connection.next(id, prefix + payload(next, root) + "}"),
                                failure -> {
                                    connection.next(id, Errors.failed(failure));
                                    connection.complete(id);
                                },
                                () -> connection.complete(id)));
    }

    /**
     * A {@code next} message's payload as JSON text. An answer without errors whose one root value
     * is a completed object shared by a group of subscribers is written once for all of them;
     * {@code root} holds the subscription's last root key and its JSON.
     */
    private String payload(ExecutionResult result, String[] root) {
        if (result.getErrors().isEmpty()
                && (result.getExtensions() == null || result.getExtensions().isEmpty())
                && result.getData() instanceof Map<?, ?> data
                && data.size() == 1) {
            Map.Entry<?, ?> entry = data.entrySet().iterator().next();
            String value = shared.text(entry.getValue(), json::writeValueAsString);
            if (value != null && entry.getKey() instanceof String key) {
                if (!key.equals(root[0])) {
                    root[1] = json.writeValueAsString(key);
                    root[0] = key;
                }
                return "{\"data\":{" + root[1] + ":" + value + "}}";
            }
        }
        return json.writeValueAsString(Errors.withCodes(result));
    }

    private void complete(Connection connection, Object id) {
        if (id instanceof String key) {
            connection.cancel(key);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            closedSent.addAndGet(connection.sent());
            closedCoalesced.addAndGet(connection.coalesced());
            connection.dispose();
        }
    }

    private void closeStalled() {
        long now = System.nanoTime();
        for (Connection connection : connections.values()) {
            if (connection.stalledFor(now) > limits.stallLimit().toNanos()) {
                closedTooSlow.incrementAndGet();
                connection.close(CloseCodes.TOO_SLOW, "Subscriber too slow: nothing read for " + limits.stallLimit());
            }
        }
    }

    /** Every distinct key in use, checked once; connections whose key no longer passes are closed. */
    private void recheckKeys() {
        Map<String, Boolean> valid = new ConcurrentHashMap<>();
        for (Connection connection : connections.values()) {
            String authorization = connection.authorization();
            if (authorization == null) {
                continue;
            }
            boolean ok = valid.computeIfAbsent(authorization, key -> {
                try {
                    return keys.verify(key).isPresent();
                } catch (RuntimeException e) {
                    return true; // cannot tell now: keep serving, check again next round
                }
            });
            if (!ok) {
                connection.close(CloseCodes.FORBIDDEN, "Forbidden: the API key was revoked");
            }
        }
    }

    /** Every open connection, for the host registry's heartbeat. */
    public List<Connection> openConnections() {
        return new ArrayList<>(connections.values());
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    public void close() {
        timer.shutdownNow();
        for (Connection connection : connections.values()) {
            connection.close(CloseCodes.GOING_AWAY, "Server shutting down");
        }
    }

    /** How long to wait before giving up on a client, and how much one may hold. */
    public record GatewayLimits(
            Duration initTimeout,
            Duration stallLimit,
            Duration keyRecheck,
            int maxSubscriptionsPerConnection,
            int maxQueryLength) {}

    /** Errors as the protocol sends them, each with an {@code extensions.code}. */
    static final class Errors {
        private Errors() {}

        static Map<String, Object> of(String code, String message) {
            return Map.of("message", message, "extensions", Map.of("code", code));
        }

        static Map<String, Object> withCodes(ExecutionResult result) {
            Map<String, Object> out = new java.util.LinkedHashMap<>(result.toSpecification());
            if (!result.getErrors().isEmpty()) {
                List<Map<String, Object>> errors = new ArrayList<>();
                for (GraphQLError error : result.getErrors()) {
                    errors.add(coded(error));
                }
                out.put("errors", errors);
            }
            return out;
        }

        /** A stream that ended with an error: a refusal keeps its code and message; anything else is ours. */
        static Map<String, Object> failed(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof GatewayException refused) {
                    return Map.of("errors", List.of(of(refused.code(), refused.getMessage())));
                }
            }
            log.warn("Subscription stream failed: {}", failure.toString());
            return Map.of("errors", List.of(of("INTERNAL_SERVER_ERROR", "the subscription ended with an error")));
        }

        private static Map<String, Object> coded(GraphQLError error) {
            Map<String, Object> spec = new java.util.LinkedHashMap<>(error.toSpecification());
            Map<String, Object> extensions = new java.util.LinkedHashMap<>();
            if (error.getExtensions() != null) {
                extensions.putAll(error.getExtensions());
            }
            extensions.putIfAbsent("code", codeOf(error));
            spec.put("extensions", extensions);
            return spec;
        }

        private static String codeOf(GraphQLError error) {
            String type =
                    error.getErrorType() == null ? "" : error.getErrorType().toString();
            return switch (type) {
                case "InvalidSyntax" -> "GRAPHQL_PARSE_FAILED";
                case "ValidationError" -> "GRAPHQL_VALIDATION_FAILED";
                case "BAD_REQUEST" -> "BAD_USER_INPUT";
                default -> "INTERNAL_SERVER_ERROR";
            };
        }
    }
}
