package io.cascade.server.ui;

import static io.cascade.testsupport.GraphQlClient.vars;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Hosts played by the test: each subscribes {@code configChanged} with its host id over a real
 * WebSocket and, when told, acknowledges what it was sent with {@code reportApplied} and reports health with {@code
 * reportHealth} (SDK key).
 */
final class TestHosts implements AutoCloseable {

    private static final String CONFIG = "subscription($ns: String!, $scope: JSON!, $host: String) "
            + "{ configChanged(namespace: $ns, scope: $scope, hostId: $host) { revision } }";
    private static final String APPLIED = "mutation($ns: String!, $h: String!, $s: JSON!, $r: Int!) "
            + "{ reportApplied(namespace: $ns, hostId: $h, scope: $s, revision: $r) }";

    private static final String HEALTH = "mutation($ns: String!, $h: String!, $r: Int!, $m: JSON!) "
            + "{ reportHealth(namespace: $ns, hostId: $h, revision: $r, metrics: $m) }";

    private record Host(String id, Map<String, String> scope, WsClient socket, int[] revision, int[] acknowledged) {}

    private final String namespace;
    private final GraphQlClient sdk;
    private final List<Host> hosts = new ArrayList<>();

    TestHosts(String namespace, GraphQlClient sdk) {
        this.namespace = namespace;
        this.sdk = sdk;
    }

    /** Connects a host and waits for its first message. */
    void add(String baseUrl, String key, String id, Map<String, String> scope) {
        WsClient socket = WsClient.connect(baseUrl, key);
        socket.subscribe("c", CONFIG, Map.of("ns", namespace, "scope", scope, "host", id));
        Host host = new Host(id, scope, socket, new int[1], new int[1]);
        JsonNode first = socket.next("c", 20);
        if (first == null) {
            throw new IllegalStateException("no first message for " + id);
        }
        take(host, first);
        hosts.add(host);
    }

    /** Every host takes what has arrived for it and acknowledges the revision it runs. */
    void acknowledge() {
        for (Host host : hosts) {
            JsonNode message;
            while ((message = host.socket().next("c", 0)) != null) {
                take(host, message);
            }
            if (host.acknowledged()[0] < host.revision()[0]) {
                sdk.data(APPLIED, vars("ns", namespace, "h", host.id(), "s", host.scope(), "r", host.revision()[0]));
                host.acknowledged()[0] = host.revision()[0];
            }
        }
    }

    /** Every host reports this much traffic on the revision it runs. */
    void report(long requests, long errors) {
        for (Host host : hosts) {
            sdk.data(
                    HEALTH,
                    vars(
                            "ns",
                            namespace,
                            "h",
                            host.id(),
                            "r",
                            host.revision()[0],
                            "m",
                            Map.of("requests", requests, "errors", errors, "latencyP99Ms", 12.5)));
        }
    }

    private static void take(Host host, JsonNode message) {
        JsonNode revision = message.at("/payload/data/configChanged/revision");
        if (revision.isMissingNode() || revision.isNull()) {
            throw new IllegalStateException(host.id() + " got " + message);
        }
        host.revision()[0] = Math.max(host.revision()[0], revision.asInt());
    }

    @Override
    public void close() {
        hosts.forEach(host -> host.socket().close());
    }
}
