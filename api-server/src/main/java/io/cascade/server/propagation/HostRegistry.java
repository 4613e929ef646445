package io.cascade.server.propagation;

import io.cascade.gateway.spi.HostPresence;
import io.cascade.server.store.HostStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which hosts exist, which are connected, and which revision each runs; kept in the store, so every
 * server and gateway process sees the same registry.
 *
 * <p>A gateway reports its hosts every few seconds; a host counts as connected until {@value
 * #TIMEOUT_SECONDS} s after the last report that named it, or until its last subscription ends.
 * To keep the store's writes low with many hosts, a host's record is only rewritten when less than
 * half of that time is left.
 */
public final class HostRegistry implements HostPresence {

    static final long TIMEOUT_SECONDS = 60;

    private final HostStore store;
    private final Clock clock;
    private final Map<HostPresence.Host, Instant> vouchedUntil = new ConcurrentHashMap<>();

    public HostRegistry(HostStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void connected(Collection<HostPresence.Host> hosts) {
        Instant now = clock.instant();
        Instant until = now.plusSeconds(TIMEOUT_SECONDS);
        Instant renewBefore = now.plusSeconds(TIMEOUT_SECONDS / 2);
        List<HostStore.Host> due = new ArrayList<>();
        for (HostPresence.Host host : hosts) {
            Instant vouched = vouchedUntil.get(host);
            if (vouched == null || vouched.isBefore(renewBefore)) {
                due.add(new HostStore.Host(host.namespace(), host.hostId(), host.scope(), null, now, until));
                vouchedUntil.put(host, until);
            }
        }
        store.connected(due, now, until);
    }

    @Override
    public void disconnected(Collection<HostPresence.Host> hosts) {
        List<HostStore.Host> left = new ArrayList<>(hosts.size());
        for (HostPresence.Host host : hosts) {
            vouchedUntil.remove(host);
            left.add(new HostStore.Host(host.namespace(), host.hostId(), host.scope(), null, null, null));
        }
        store.disconnected(left, clock.instant());
    }

    public void applied(String namespace, String hostId, Map<String, String> scope, int revision) {
        store.applied(namespace, hostId, scope, revision, clock.instant());
    }

    /** A host as the API shows it. */
    public record Host(
            String hostId, Map<String, String> scope, Integer appliedRevision, boolean connected, Instant lastSeenAt) {}

    /** Every host of {@code namespace}, most recently seen first. */
    public List<Host> list(String namespace) {
        Instant now = clock.instant();
        List<Host> out = new ArrayList<>();
        for (HostStore.Host host : store.list(namespace)) {
            boolean connected =
                    host.connectedUntil() != null && host.connectedUntil().isAfter(now);
            out.add(new Host(host.hostId(), host.scope(), host.appliedRevision(), connected, host.lastSeenAt()));
        }
        return out;
    }

    static Duration timeout() {
        return Duration.ofSeconds(TIMEOUT_SECONDS);
    }
}
