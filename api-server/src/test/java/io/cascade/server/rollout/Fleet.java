package io.cascade.server.rollout;

import static io.cascade.testsupport.GraphQlClient.vars;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.WsClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Hosts as a test plays them: each subscribes {@code configChanged} with its host id over a real
 * WebSocket, takes what it is sent, and, when told, acknowledges it ({@code reportApplied}) and
 * reports health ({@code reportHealth}) over GraphQL with an SDK key. Rollout tests and the
 * dashboard's test use them.
 */
public final class Fleet implements AutoCloseable {

    private static final String CONFIG = "subscription($ns: String!, $scope: JSON!, $host: String) "
            + "{ configChanged(namespace: $ns, scope: $scope, hostId: $host) { revision config } }";
    private static final String APPLIED = "mutation($ns: String!, $h: String!, $s: JSON!, $r: Int!) "
            + "{ reportApplied(namespace: $ns, hostId: $h, scope: $s, revision: $r) }";
    private static final String HEALTH = "mutation($ns: String!, $h: String!, $r: Int!, $m: JSON!) "
            + "{ reportHealth(namespace: $ns, hostId: $h, revision: $r, metrics: $m) }";

    /** One host: what it runs now. */
    public static final class Host {
        final String id;
        final Map<String, String> scope;
        final WsClient socket;
        int revision;
        JsonNode config;
        int acknowledged;

        Host(String id, Map<String, String> scope, WsClient socket) {
            this.id = id;
            this.scope = scope;
            this.socket = socket;
        }

        public String site() {
            return scope.get("site");
        }
    }

    private final String namespace;
    private final GraphQlClient sdk;
    private final List<Host> hosts = new ArrayList<>();

    public Fleet(String namespace, GraphQlClient sdk) {
        this.namespace = namespace;
        this.sdk = sdk;
    }

    /** Connects a host and waits for its first message. */
    public Host add(String baseUrl, String key, String id, Map<String, String> scope) {
        WsClient socket = WsClient.connect(baseUrl, key);
        socket.subscribe("c", CONFIG, Map.of("ns", namespace, "scope", scope, "host", id));
        Host host = new Host(id, new LinkedHashMap<>(scope), socket);
        JsonNode first = socket.next("c", 20);
        if (first == null) {
            throw new IllegalStateException("no first message for " + id);
        }
        take(host, first);
        hosts.add(host);
        return host;
    }

    public List<Host> hosts() {
        return hosts;
    }

    /** Every host takes what has arrived for it. */
    public void receive() {
        for (Host host : hosts) {
            JsonNode message;
            while ((message = host.socket.next("c", 0)) != null) {
                take(host, message);
            }
        }
    }

    private static void take(Host host, JsonNode message) {
        JsonNode data = message.at("/payload/data/configChanged");
        if (data.isMissingNode() || data.isNull()) {
            throw new IllegalStateException(host.id + " got " + message);
        }
        int revision = data.get("revision").asInt();
        if (revision <= host.revision) {
            throw new IllegalStateException(host.id + " was sent revision " + revision + " after " + host.revision);
        }
        host.revision = revision;
        host.config = data.get("config");
    }

    /** Waits until every host in {@code site} has been sent {@code revision} (or a later one). */
    public void awaitRevision(String site, int revision) {
        for (Host host : hosts) {
            while (host.site().equals(site) && host.revision < revision) {
                JsonNode message = host.socket.next("c", 20);
                if (message == null) {
                    throw new IllegalStateException(host.id + " was not sent revision " + revision);
                }
                take(host, message);
            }
        }
    }

    /** Every host acknowledges the revision it runs, if it has not yet. */
    public void acknowledge() {
        receive();
        for (Host host : hosts) {
            if (host.acknowledged < host.revision) {
                sdk.data(APPLIED, vars("ns", namespace, "h", host.id, "s", host.scope, "r", host.revision));
                host.acknowledged = host.revision;
            }
        }
    }

    /** {@code host} reports this much traffic on the revision it runs. */
    public void report(Host host, long requests, long errors, double latencyP99Ms) {
        sdk.data(
                HEALTH,
                vars(
                        "ns",
                        namespace,
                        "h",
                        host.id,
                        "r",
                        host.revision,
                        "m",
                        Map.of("requests", requests, "errors", errors, "latencyP99Ms", latencyP99Ms)));
    }

    @Override
    public void close() {
        hosts.forEach(host -> host.socket.close());
    }
}
