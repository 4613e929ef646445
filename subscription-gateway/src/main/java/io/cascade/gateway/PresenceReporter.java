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
 * Tells the host registry, every interval, which hosts are subscribed through this gateway, and
 * which left (those in one call).
 */
final class PresenceReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresenceReporter.class);

    private final TransportWsHandler handler;
    private final HostPresence presence;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cascade-gateway-presence");
        thread.setDaemon(true);
        return thread;
    });
    private Set<HostPresence.Host> last = Set.of();

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
            if (!now.isEmpty()) {
                presence.connected(now);
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
