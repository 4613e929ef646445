package io.cascade.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Propagation: how long a committed change takes to reach subscribed hosts.
 *
 * <p>Opens {@code --subscribers} WebSocket connections to {@code --gateway} (graphql-transport-ws),
 * each subscribing to {@code configChanged} of one scope with its own host id and an SDK key it
 * makes for the run; waits for every first message; then commits {@code --changes} layer changes
 * through {@code --server}, one every {@code --pause-ms}, and records for every subscriber the time
 * from each commit ({@code committedAt}, the server's clock, the same machine) to the first message
 * that carries that revision or a newer one (a subscriber is sent the latest state, so revisions
 * close together may arrive as one message), and from the writer's acknowledgement to that message.
 * Prints p50, p90, p99 and max over all of them, how many never arrived, each change's first and
 * last message, and the CPU this tool (and, with {@code --gateway-pid}, the gateway) spent per
 * message while timed. With {@code --gateway-pid} it also reads the gateway's resident memory
 * before and after connecting. {@code --warmup N} first commits N changes that are not timed.
 * Subscribers run on Netty, all on one event-loop thread ({@code --client jdk}: on the JDK's
 * WebSocket client, its callbacks on one thread).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.cascade.bench.PropagationLoad --server http://127.0.0.1:8080 \
 *     --gateway http://127.0.0.1:8090 --subscribers 1000 --changes 20 --key-file data/bootstrap-admin.key
 * </pre>
 */
public final class PropagationLoad {

    private static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");
    private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");
    private static final Pattern COMMITTED = Pattern.compile("\"revision\":(\\d+),\"committedAt\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String server = "http://127.0.0.1:8080";
        String gateway = null;
        int subscribers = 1000;
        int changes = 20;
        int warmup = 0;
        long pause = 500;
        long gatewayPid = -1;
        String client = "netty";
        String key = System.getenv("CASCADE_API_KEY");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = args[++i];
                case "--gateway" -> gateway = args[++i];
                case "--subscribers" -> subscribers = Integer.parseInt(args[++i]);
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--pause-ms" -> pause = Long.parseLong(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--gateway-pid" -> gatewayPid = Long.parseLong(args[++i]);
                case "--client" -> client = args[++i];
                case "--key-file" -> key = Files.readString(Path.of(args[++i])).trim();
                default -> {
                    System.err.println("PropagationLoad: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (key == null) {
            System.err.println("PropagationLoad: pass --key-file or set CASCADE_API_KEY (a platform admin key)");
            System.exit(2);
        }
        if (!client.equals("netty") && !client.equals("jdk")) {
            System.err.println("PropagationLoad: --client is netty or jdk");
            System.exit(2);
        }
        new PropagationLoad(server, gateway == null ? server : gateway, key.trim(), client.equals("jdk"))
                .run(subscribers, warmup, changes, pause, gatewayPid);
    }

    private final String server;
    private final String gateway;
    private final String adminKey;
    /** The JDK client's subscribers and the tool's own requests; one thread runs their callbacks. */
    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(1, daemon("load-websocket")))
            .build();
    /** The Netty subscribers' one event-loop thread. */
    private final EventLoopGroup loop =
            new MultiThreadIoEventLoopGroup(1, daemon("load-netty"), NioIoHandler.newFactory());

    private final boolean jdkClient;
    private final String namespace = "prop-" + Long.toString(System.currentTimeMillis(), 36);

    private PropagationLoad(String server, String gateway, String adminKey, boolean jdkClient) {
        this.jdkClient = jdkClient;
        this.server = server;
        this.gateway = gateway;
        this.adminKey = adminKey;
    }

    private void run(int count, int warmup, int changes, long pause, long gatewayPid) throws Exception {
        post("mutation { createNamespace(name: \"" + namespace + "\") { revision } }");
        commit(0);
        String body = post("mutation { createApiKey(namespace: \"" + namespace
                + "\", role: SDK, environment: \"prod\") { secret } }");
        Matcher secret = SECRET.matcher(body);
        if (!secret.find()) {
            throw new IllegalStateException("no SDK key: " + body);
        }
        long rssBefore = rss(gatewayPid);
        Subscriber[] all = new Subscriber[count];
        CountDownLatch ready = new CountDownLatch(count);
        long connectStart = System.nanoTime();
        for (int i = 0; i < count; i++) {
            all[i] = jdkClient ? new JdkSubscriber(i, ready) : new NettySubscriber(i, ready);
            all[i].connect(secret.group(1));
            if (i % 500 == 499) {
                Thread.sleep(50);
            }
        }
        if (!ready.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException(ready.getCount() + " subscribers got no first message");
        }
        System.out.printf(
                Locale.ROOT,
                "%d subscribers connected and served in %.1f s%n",
                count,
                (System.nanoTime() - connectStart) / 1e9);
        long rssAfter = rss(gatewayPid);
        if (gatewayPid > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "gateway resident memory: %d MiB before, %d MiB with the subscribers: %.1f KiB per subscriber%n",
                    rssBefore / 1024,
                    rssAfter / 1024,
                    (rssAfter - rssBefore) / (double) count);
        }
        warmUp(all, warmup);
        long gatewayCpuBefore = cpuTicks(gatewayPid);
        long ownCpuBefore = ownCpuNanos();
        List<long[]> commits = new ArrayList<>();
        for (int c = 1; c <= changes; c++) {
            commits.add(commit(warmup + c));
            Thread.sleep(pause);
        }
        Thread.sleep(Math.max(2000, pause * 2));
        long messages = (long) count * changes;
        System.out.printf(
                Locale.ROOT,
                "CPU per message while timed: this tool %.1f us%s%n",
                (ownCpuNanos() - ownCpuBefore) / 1e3 / messages,
                gatewayPid > 0
                        ? String.format(
                                Locale.ROOT,
                                ", the gateway %.1f us",
                                (cpuTicks(gatewayPid) - gatewayCpuBefore) * 1e4 / messages)
                        : "");
        List<Long> lags = new ArrayList<>();
        List<Long> afterAck = new ArrayList<>();
        int missing = 0;
        StringBuilder perChange = new StringBuilder();
        for (long[] change : commits) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Subscriber subscriber : all) {
                Long received = subscriber.firstAtLeast((int) change[0]);
                if (received == null) {
                    missing++;
                } else {
                    lags.add(received - change[1]);
                    afterAck.add(received - change[2]);
                    first = Math.min(first, received - change[1]);
                    last = Math.max(last, received - change[1]);
                }
            }
            perChange.append(' ').append(first).append('-').append(last);
        }
        System.out.println("per change, first-last message ms after commit:" + perChange);
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "subscribers=%d changes=%d messages=%d missing=%d lag ms (commit to message): p50=%d p90=%d p99=%d max=%d%n",
                count,
                changes,
                sorted.length,
                missing,
                at(sorted, 50),
                at(sorted, 90),
                at(sorted, 99),
                sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        long[] fromAck = afterAck.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "lag ms (the writer's acknowledgement to message; negative: the message came first): p50=%d p90=%d p99=%d max=%d%n",
                at(fromAck, 50),
                at(fromAck, 90),
                at(fromAck, 99),
                fromAck.length == 0 ? -1 : fromAck[fromAck.length - 1]);
        for (Subscriber subscriber : all) {
            subscriber.close();
        }
        System.exit(missing == 0 ? 0 : 3);
    }

    /**
     * Commits {@code changes} changes, one every 20 ms, none of them timed, waits until every
     * subscriber has the last, then 2 s more: the server's, the gateway's and this tool's code is
     * compiled and their pools are grown before anything is measured, as in a process that has been
     * serving a while, and what the burst left (collections, host reports) is done.
     */
    private void warmUp(Subscriber[] all, int changes) throws Exception {
        if (changes <= 0) {
            return;
        }
        long started = System.nanoTime();
        int last = 0;
        for (int c = 1; c <= changes; c++) {
            last = (int) commit(c)[0];
            Thread.sleep(20);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        for (Subscriber subscriber : all) {
            while (subscriber.firstAtLeast(last) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a subscriber did not get the last warm-up change");
                }
                Thread.sleep(10);
            }
        }
        Thread.sleep(2_000);
        System.out.printf(
                Locale.ROOT,
                "warmed up with %d changes in %.1f s (not timed)%n",
                changes,
                (System.nanoTime() - started) / 1e9);
    }

    /** Commits a change of the prod layer; returns {revision, committedAt millis, acknowledged millis}. */
    private long[] commit(int n) throws IOException, InterruptedException {
        String body = post("mutation { putLayer(namespace: \"" + namespace
                + "\", selector: {environment: \"prod\"}, content: {n: " + n + "}) { revision committedAt } }");
        Matcher matcher = COMMITTED.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("commit failed: " + body);
        }
        return new long[] {
            Integer.parseInt(matcher.group(1)),
            Instant.parse(matcher.group(2)).toEpochMilli(),
            System.currentTimeMillis()
        };
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static long at(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    /** The process's user and system time in clock ticks (1/100 s), from /proc; 0 without a pid. */
    private static long cpuTicks(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long rss(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private String post(String query) throws IOException, InterruptedException {
        StringBuilder json = new StringBuilder("{\"query\":");
        JsonText.write(query, json);
        json.append('}');
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server + "/graphql"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + adminKey)
                        .POST(HttpRequest.BodyPublishers.ofString(json.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** One host: a WebSocket, its subscription, and when each revision arrived. */
    private abstract class Subscriber {
        final int index;
        private final CountDownLatch ready;
        private final ConcurrentHashMap<Integer, Long> received = new ConcurrentHashMap<>();
        private final AtomicInteger messages = new AtomicInteger();
        String sdkKey;

        Subscriber(int index, CountDownLatch ready) {
            this.index = index;
            this.ready = ready;
        }

        /**
         * When this host first ran {@code revision} or a newer one: a subscriber is sent the latest
         * state, so two revisions close together may reach it as one message, of the newer.
         */
        Long firstAtLeast(int revision) {
            Long first = null;
            for (Map.Entry<Integer, Long> entry : received.entrySet()) {
                if (entry.getKey() >= revision && (first == null || entry.getValue() < first)) {
                    first = entry.getValue();
                }
            }
            return first;
        }

        abstract void connect(String key);

        /** The gateway's WebSocket endpoint. */
        URI endpoint() {
            return URI.create(gateway.replaceFirst("^http", "ws") + "/graphql");
        }

        abstract void send(String text);

        abstract void close();

        String initMessage() {
            return "{\"type\":\"connection_init\",\"payload\":{\"authorization\":\"Bearer " + sdkKey + "\"}}";
        }

        /** A whole text message from the gateway, received at {@code now}. */
        void onMessage(String text, long now) {
            if (text.contains("connection_ack")) {
                // The Java client's query: one text for every host, its host id a variable.
                send(
                        "{\"id\":\"c\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription($ns: String!, $scope: JSON!, $host: String) "
                                + "{ configChanged(namespace: $ns, scope: $scope, hostId: $host) { revision config } }\","
                                + "\"variables\":{\"ns\":\"" + namespace
                                + "\",\"scope\":{\"environment\":\"prod\"},"
                                + "\"host\":\"bench-" + index + "\"}}}");
            } else if (text.contains("\"next\"")) {
                Matcher revision = REVISION.matcher(text);
                if (revision.find()) {
                    received.putIfAbsent(Integer.parseInt(revision.group(1)), now);
                }
                if (messages.getAndIncrement() == 0) {
                    ready.countDown();
                }
            }
        }

        void closed(int statusCode, String reason) {
            System.err.println("subscriber " + index + " closed: " + statusCode + " " + reason);
        }
    }

    /** A host on the JDK's WebSocket client. */
    private final class JdkSubscriber extends Subscriber implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;

        JdkSubscriber(int index, CountDownLatch ready) {
            super(index, ready);
        }

        @Override
        void connect(String key) {
            this.sdkKey = key;
            CompletableFuture<WebSocket> future = http.newWebSocketBuilder()
                    .subprotocols("graphql-transport-ws")
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(endpoint(), this);
            future.whenComplete((ws, failure) -> {
                if (failure != null) {
                    System.err.println("subscriber " + index + " could not connect: " + failure);
                    return;
                }
                socket = ws;
                ws.sendText(initMessage(), true);
            });
        }

        @Override
        void send(String text) {
            socket.sendText(text, true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                socket = webSocket;
                onMessage(text, System.currentTimeMillis());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(statusCode, reason);
            return null;
        }

        @Override
        void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    /** A host on a Netty channel: all of them share one event-loop thread. */
    private final class NettySubscriber extends Subscriber {
        private volatile Channel channel;
        private volatile boolean closing;

        NettySubscriber(int index, CountDownLatch ready) {
            super(index, ready);
        }

        @Override
        void connect(String key) {
            this.sdkKey = key;
            URI uri = endpoint();
            WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .subprotocol("graphql-transport-ws")
                    .handshakeTimeoutMillis(30_000)
                    .build();
            new Bootstrap()
                    .group(loop)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpClientCodec())
                                    .addLast(new HttpObjectAggregator(65_536))
                                    .addLast(new WebSocketClientProtocolHandler(config))
                                    .addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                        @Override
                                        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                            if (event
                                                    == WebSocketClientProtocolHandler.ClientHandshakeStateEvent
                                                            .HANDSHAKE_COMPLETE) {
                                                ctx.writeAndFlush(new TextWebSocketFrame(initMessage()));
                                            }
                                        }

                                        @Override
                                        protected void channelRead0(
                                                ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                            onMessage(frame.text(), System.currentTimeMillis());
                                        }

                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            System.err.println("subscriber " + index + " failed: " + cause);
                                            ctx.close();
                                        }
                                    });
                        }
                    })
                    .connect(uri.getHost(), uri.getPort())
                    .addListener((ChannelFutureListener) connected -> {
                        if (!connected.isSuccess()) {
                            System.err.println("subscriber " + index + " could not connect: " + connected.cause());
                        } else {
                            channel = connected.channel();
                            channel.closeFuture().addListener(closed -> {
                                if (!closing) {
                                    closed(-1, "channel closed");
                                }
                            });
                        }
                    });
        }

        @Override
        void send(String text) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }

        @Override
        void close() {
            closing = true;
            if (channel != null) {
                channel.close();
            }
        }
    }
}
