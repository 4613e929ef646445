package io.cascade.gateway;

import io.cascade.gateway.spi.HostPresence;
import io.cascade.gateway.ws.Connection;
import io.cascade.gateway.ws.TransportWsHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the host registry, every interval, which hosts subscribed through this gateway since the
 * last report and which left; every fourth report (and at least every {@value #FULL_REPORT_SECONDS}
 * s) names every host it holds, which keeps them from expiring in the registry (after 60 s).
 *
 * <p>NOTES. With 10 000 hosts a report of every host is about a megabyte for a server to read: sent
 * every 5 s, it slowed the server's answers to the gateway enough to show in propagation.
 */
final class PresenceReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresenceReporter.class);
    static final long FULL_REPORT_SECONDS = 20;
    private static final int FULL_REPORT_EVERY = 4;

    private final TransportWsHandler handler;
    private final HostPresence presence;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cascade-gateway-presence");
        thread.setDaemon(true);
        return thread;
    });
    private Set<HostPresence.Host> last = Set.of();
    private int reports;
    private long lastFull;

    PresenceReporter(TransportWsHandler handler, HostPresence presence, Duration interval) {
        this.handler = handler;
        this.presence = presence;
        timer.scheduleWithFixedDelay(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            Set<HostPresence.Host> now = new HashSet<>();
            for (Connection connection : handler.openConnections()) {
                now.addAll(connection.hosts());
            }
            long clock = System.nanoTime();
            boolean full = reports++ % FULL_REPORT_EVERY == 0
                    || clock - lastFull >= TimeUnit.SECONDS.toNanos(FULL_REPORT_SECONDS);
            Set<HostPresence.Host> report = now;
            if (full) {
                lastFull = clock;
            } else {
                report = new HashSet<>(now);
                report.removeAll(last);
            }
            if (!report.isEmpty()) {
                presence.connected(report);
            }
            List<HostPresence.Host> gone = new ArrayList<>();
            for (HostPresence.Host host : last) {
                if (!now.contains(host)) {
                    gone.add(host);
                }
            }
            if (!gone.isEmpty()) {
                presence.disconnected(gone);
            }
            last = now;
        } catch (RuntimeException e) {
            log.warn("Could not report connected hosts: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
