package io.cascade.gateway.standalone;

import io.cascade.gateway.spi.HostPresence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The host registry lives in the store: a standalone gateway reports its hosts to a server. */
final class RemotePresence implements HostPresence {

    private static final String REPORT =
            "mutation($c: [JSON!]!, $d: [JSON!]!) " + "{ gatewayPresence(connected: $c, disconnected: $d) }";

    private final ServerClient server;

    RemotePresence(ServerClient server) {
        this.server = server;
    }

    @Override
    public void connected(Collection<Host> hosts) {
        server.data(REPORT, Map.of("c", json(hosts), "d", List.of()));
    }

    @Override
    public void disconnected(Collection<Host> hosts) {
        server.data(REPORT, Map.of("c", List.of(), "d", json(hosts)));
    }

    private static List<Map<String, Object>> json(Collection<Host> hosts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Host host : hosts) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("namespace", host.namespace());
            item.put("hostId", host.hostId());
            item.put("scope", host.scope());
            out.add(item);
        }
        return out;
    }
}
