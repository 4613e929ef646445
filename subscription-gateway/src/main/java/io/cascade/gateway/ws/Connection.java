package io.cascade.gateway.ws;

import io.cascade.gateway.spi.Caller;
import io.cascade.gateway.spi.HostPresence;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client connection: who it is, its subscriptions, and what waits to be sent to it.
 *
 * <p>NOTES. One message is in flight at a time, sent asynchronously. What waits is bounded: per
 * subscription at most one {@code next} (a newer one replaces it in place: the client gets the latest
 * state, never a backlog) and its {@code complete}, plus one {@code pong}. The lock guards the queue
 * only; sending happens outside it.
 */
public final class Connection {

    private static final Disposable RESERVED = () -> {};

    private final WebSocketSession session;
    private final JsonMapper json;
    private final Map<String, Disposable> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, HostPresence.Host> hosts = new ConcurrentHashMap<>();
    private final AtomicBoolean initStarted = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final Object lock = new Object();
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private final Map<String, Outbound> pendingNext = new HashMap<>();
    private volatile Caller caller;
    private volatile String authorization;
    private boolean inFlight;
    private long inFlightSince;
    private boolean pongQueued;
    private volatile boolean closed;
    /** The parts of a message still being received; null between messages (nearly always). */
    private StringBuilder partial;

    private static final class Outbound {
        final String id;
        final boolean next;
        String text;

        Outbound(String id, boolean next, String text) {
            this.id = id;
            this.next = next;
            this.text = text;
        }
    }

    Connection(WebSocketSession session, JsonMapper json, TransportWsHandler.GatewayLimits limits) {
        this.session = session;
        this.json = json;
    }

    /**
     * The whole text message once its {@code last} part is in; null while parts are still to come,
     * or when the message grew past {@code maxLength} characters (the connection is then closed with
     * 1009). Parts come one at a time, from the container's reading of this connection.
     */
    String assemble(String part, boolean last, int maxLength) {
        if (closed) {
            return null;
        }
        if (partial == null && last && part.length() <= maxLength) {
            return part;
        }
        if (partial == null) {
            partial = new StringBuilder(part.length() * 2);
        }
        partial.append(part);
        if (partial.length() > maxLength) {
            partial = null;
            close(CloseCodes.TOO_BIG, "Message too big: at most " + maxLength + " characters");
            return null;
        }
        if (!last) {
            return null;
        }
        String whole = partial.toString();
        partial = null;
        return whole;
    }

    /** Who holds the connection; null until {@code connection_init} was accepted. */
    public Caller caller() {
        return caller;
    }

    String authorization() {
        return authorization;
    }

    boolean startInit() {
        return initStarted.compareAndSet(false, true);
    }

    void accept(Caller caller, String authorization) {
        this.caller = caller;
        this.authorization = authorization;
        enqueue(new Outbound(null, false, "{\"type\":\"connection_ack\"}"));
    }

    void pong() {
        synchronized (lock) {
            if (pongQueued) {
                return;
            }
            pongQueued = true;
        }
        enqueue(new Outbound(null, false, "{\"type\":\"pong\"}"));
    }

    int subscriptions() {
        return subscriptions.size();
    }

    /** How many subscriptions the connection holds now. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    boolean reserve(String id) {
        return subscriptions.putIfAbsent(id, RESERVED) == null;
    }

    void attach(String id, Disposable subscription) {
        if (!subscriptions.replace(id, RESERVED, subscription)) {
            subscription.dispose();
        }
    }

    /** The client ended a subscription; true when it was one. */
    boolean cancel(String id) {
        Disposable subscription = subscriptions.remove(id);
        hosts.remove(id);
        synchronized (lock) {
            Outbound waiting = pendingNext.remove(id);
            if (waiting != null) {
                queue.remove(waiting);
            }
        }
        if (subscription == null) {
            return false;
        }
        subscription.dispose();
        return true;
    }

    /** A host's subscription: the host registry learns that it is connected, through this gateway. */
    public void host(String subscriptionId, HostPresence.Host host) {
        hosts.put(subscriptionId, host);
    }

    /** The hosts subscribed through this connection now. */
    public List<HostPresence.Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** Queues a {@code next} whose payload is still to be written as JSON. */
    void next(String id, Map<String, Object> payload) {
        next(id, nextPrefix(id) + json.writeValueAsString(payload) + "}");
    }

    /** The text a {@code next} message of subscription {@code id} starts with, up to its payload. */
    String nextPrefix(String id) {
        return "{\"id\":" + json.writeValueAsString(id) + ",\"type\":\"next\",\"payload\":";
    }

    /** Queues a whole {@code next} message of subscription {@code id}; a newer one replaces it while it waits. */
    void next(String id, String text) {
        synchronized (lock) {
            Outbound waiting = pendingNext.get(id);
            if (waiting != null) {
                waiting.text = text;
                coalesced.incrementAndGet();
                return;
            }
            Outbound out = new Outbound(id, true, text);
            pendingNext.put(id, out);
            queue.add(out);
        }
        pump();
    }

    void complete(String id) {
        subscriptions.remove(id);
        hosts.remove(id);
        enqueue(new Outbound(id, false, json.writeValueAsString(Map.of("id", id, "type", "complete"))));
    }

    void error(String id, List<Map<String, Object>> errors) {
        subscriptions.remove(id);
        enqueue(new Outbound(id, false, json.writeValueAsString(Map.of("id", id, "type", "error", "payload", errors))));
    }

    private void enqueue(Outbound out) {
        synchronized (lock) {
            queue.add(out);
        }
        pump();
    }

    private void pump() {
        Outbound out;
        synchronized (lock) {
            if (inFlight || closed || queue.isEmpty()) {
                return;
            }
            out = queue.poll();
            if (out.next) {
                pendingNext.remove(out.id);
            } else if (out.text.startsWith("{\"type\":\"pong\"")) {
                pongQueued = false;
            }
            inFlight = true;
            inFlightSince = System.nanoTime();
        }
        RemoteEndpoint.Async remote;
        try {
            remote = ((NativeWebSocketSession) session)
                    .getNativeSession(Session.class)
                    .getAsyncRemote();
            remote.sendText(out.text, result -> {
                synchronized (lock) {
                    inFlight = false;
                }
                if (!result.isOK()) {
                    close(CloseStatus.SERVER_ERROR.getCode(), "send failed");
                    return;
                }
                sent.incrementAndGet();
                pump();
            });
        } catch (RuntimeException e) {
            synchronized (lock) {
                inFlight = false;
            }
            close(CloseStatus.SERVER_ERROR.getCode(), "send failed");
        }
    }

    /** How long the message in flight has waited for the client, in nanoseconds; 0 when none waits. */
    long stalledFor(long now) {
        synchronized (lock) {
            return inFlight ? now - inFlightSince : 0;
        }
    }

    /** Messages sent so far, and how many were replaced by a newer state before they could go. */
    public long sent() {
        return sent.get();
    }

    public long coalesced() {
        return coalesced.get();
    }

    void close(int code, String reason) {
        closed = true;
        dispose();
        try {
            session.close(new CloseStatus(code, reason));
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }

    void dispose() {
        for (String id : List.copyOf(subscriptions.keySet())) {
            Disposable subscription = subscriptions.remove(id);
            if (subscription != null) {
                subscription.dispose();
            }
        }
        hosts.clear();
    }
}
