package io.cascade.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's server) that records every request and answers as
 * each path is told to: by the number of the request to that path, a status, or {@link #HANG} to
 * hold the request without ever answering (until the receiver closes).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** Answer nothing: hold the request open. */
    public static final int HANG = -1;

    /** A request as received. */
    public record Request(
            String path, Map<String, String> headers, String body, long receivedNanos, java.time.Instant receivedAt) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, IntUnaryOperator> behaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** A receiver on a free port; every path answers 200 until told otherwise. */
    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(receiver.executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How {@code path} answers its n-th request (from 1). */
    public WebhookReceiver answer(String path, IntUnaryOperator statusForRequest) {
        behaviour.put(path, statusForRequest);
        return this;
    }

    /** What {@code path} answers with, instead of a short text; a 3xx also names {@code /elsewhere} as its Location. */
    public WebhookReceiver answerBody(String path, byte[] body) {
        bodies.put(path, body.clone());
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        requests.add(new Request(
                path, headers, new String(body, StandardCharsets.UTF_8), System.nanoTime(), java.time.Instant.now()));
        int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = behaviour.getOrDefault(path, i -> 200).applyAsInt(n);
        if (status == HANG) {
            try {
                closing.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] answer = bodies.getOrDefault(path, ("answer " + status).getBytes(StandardCharsets.UTF_8));
        if (status >= 300 && status < 400) {
            exchange.getResponseHeaders().add("Location", url("/elsewhere"));
        }
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
