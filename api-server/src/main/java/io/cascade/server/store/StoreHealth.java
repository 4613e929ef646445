package io.cascade.server.store;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store answers. A ping every second, on a connection of its own, decides: the first
 * that fails makes the store {@link #isUp() down}, the first that is answered makes it up again,
 * and each change is logged once. Health and readiness report it, and while it is down every store
 * call fails at once with {@code STORE_UNAVAILABLE} ({@link StoreGate}) instead of waiting for the
 * driver's timeouts, so no request thread waits on a store known to be gone.
 *
 * <p>Thread-safe; the state is one {@code volatile} read.
 */
public final class StoreHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);

    /** Throws when the store does not answer. */
    @FunctionalInterface
    public interface Ping {
        void ping();
    }

    private final Ping ping;
    private final Runnable onClose;
    private volatile boolean up = true;
    private volatile long downSinceNanos;
    private ScheduledExecutorService pinger;

    /** A store checked by {@link #check()} only: for tests, and for {@link #monitor}. */
    public StoreHealth(Ping ping) {
        this(ping, () -> {});
    }

    private StoreHealth(Ping ping, Runnable onClose) {
        this.ping = ping;
        this.onClose = onClose;
    }

    /**
     * Pings every {@code interval} on a named daemon thread, starting now; {@code onClose} releases
     * what the ping uses.
     */
    static StoreHealth monitor(Ping ping, Duration interval, Runnable onClose) {
        StoreHealth health = new StoreHealth(ping, onClose);
        health.pinger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cascade-store-monitor");
            thread.setDaemon(true);
            return thread;
        });
        health.pinger.scheduleWithFixedDelay(health::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return health;
    }

    /** Whether the last ping was answered. */
    public boolean isUp() {
        return up;
    }

    /** Throws {@code STORE_UNAVAILABLE} while the store is down. */
    public void requireUp() {
        if (!up) {
            throw unavailable();
        }
    }

    /** Pings once and records the outcome. */
    public void check() {
        try {
            ping.ping();
        } catch (RuntimeException e) {
            if (up) {
                downSinceNanos = System.nanoTime();
                up = false;
                log.warn(
                        "Store unreachable ({}): writes are refused with STORE_UNAVAILABLE and reads are"
                                + " served from memory until it answers again",
                        e.toString());
            }
            return;
        }
        if (!up) {
            up = true;
            log.info(
                    "Store reachable again after {} s; writes are accepted",
                    Duration.ofNanos(System.nanoTime() - downSinceNanos).toSeconds());
        }
    }

    /** The refusal of a request that needs the store while it is down. */
    public static CascadeException unavailable() {
        return unavailable("the store is unavailable; try again later");
    }

    public static CascadeException unavailable(String message) {
        return new CascadeException(ApiErrorCode.STORE_UNAVAILABLE, message);
    }

    /**
     * Whether {@code failure} (or one of its causes) means the store cannot be reached: a socket
     * error, a timeout selecting a server or waiting for an answer, no primary, or our own {@code
     * STORE_UNAVAILABLE}.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CascadeException cascade) {
                return cascade.code() == ApiErrorCode.STORE_UNAVAILABLE;
            }
            if (cause instanceof MongoSocketException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoOperationTimeoutException
                    || cause instanceof MongoServerUnavailableException
                    || cause instanceof MongoNotPrimaryException
                    || cause instanceof MongoNodeIsRecoveringException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (pinger != null) {
            pinger.shutdownNow();
        }
        onClose.run();
    }
}
