package io.cascade.gateway.bus;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announcements over Redis pub/sub (Lettuce), on channel {@value #CHANNEL}, as {@code
 * namespace|revision|committedAtMillis} text.
 *
 * <p>NOTES. Lettuce calls back on a Netty thread: messages are parsed there and handed to one
 * thread of ours, in order. Lettuce reconnects and resubscribes by itself; when it does, the
 * reconnect actions run, since whatever was published meanwhile is lost. Publishing while Redis is
 * away fails fast and is dropped: the store check heals it.
 */
public final class RedisRevisionBus implements RevisionBus {

    private static final Logger log = LoggerFactory.getLogger(RedisRevisionBus.class);
    public static final String CHANNEL = "cascade:revisions";
    private static final long RETRY_SECONDS = 2;

    private final RedisClient client;
    private final List<Consumer<Announcement>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectActions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread named = new Thread(runnable, "cascade-revision-bus");
        named.setDaemon(true);
        return named;
    });
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile StatefulRedisConnection<String, String> publisher;

    /**
     * Connects to Redis at {@code uri}. Redis need not be there yet: until it is, connecting is
     * retried every {@value #RETRY_SECONDS} s and announcements are neither sent nor heard (the
     * periodic store check covers them).
     */
    public RedisRevisionBus(String uri) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(Duration.ofSeconds(2));
        client = RedisClient.create(redisUri);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
                hand(() -> reconnectActions.forEach(RedisRevisionBus::run));
            }
        });
        if (!connect()) {
            log.warn("Redis is not reachable yet; revisions are found by the periodic store check until it is");
            thread.scheduleWithFixedDelay(this::connectIfNeeded, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void connectIfNeeded() {
        if (subscriber == null && connect()) {
            log.info("Redis is reachable: revisions are announced again");
            reconnectActions.forEach(RedisRevisionBus::run);
        }
    }

    private synchronized boolean connect() {
        try {
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    Announcement announcement = parse(message);
                    if (announcement != null) {
                        hand(() -> listeners.forEach(listener -> deliver(listener, announcement)));
                    }
                }
            });
            pubSub.sync().subscribe(CHANNEL);
            publisher = client.connect();
            subscriber = pubSub;
            return true;
        } catch (RuntimeException e) {
            log.debug("Could not connect to Redis: {}", e.toString());
            return false;
        }
    }

    @Override
    public void publish(Announcement announcement) {
        StatefulRedisConnection<String, String> publisher = this.publisher;
        if (publisher == null) {
            return;
        }
        String text = announcement.namespace() + "|" + announcement.revision() + "|" + announcement.committedAtMillis();
        publisher.async().publish(CHANNEL, text).exceptionally(failure -> {
            log.debug("Could not announce {}: {}", text, failure.toString());
            return 0L;
        });
    }

    @Override
    public void subscribe(Consumer<Announcement> listener) {
        listeners.add(listener);
    }

    @Override
    public void onReconnect(Runnable action) {
        reconnectActions.add(action);
    }

    @Override
    public boolean connected() {
        StatefulRedisPubSubConnection<String, String> connection = subscriber;
        return connection != null && connection.isOpen();
    }

    static Announcement parse(String message) {
        String[] parts = message.split("\\|", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            return new Announcement(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void hand(Runnable work) {
        try {
            thread.execute(work);
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    private static void deliver(Consumer<Announcement> listener, Announcement announcement) {
        try {
            listener.accept(announcement);
        } catch (RuntimeException e) {
            log.warn("Announcement listener failed for {}: {}", announcement, e.toString());
        }
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("Reconnect action failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
