package io.cascade.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.testsupport.RedisServer;
import io.cascade.testsupport.ServerProcess;
import io.cascade.testsupport.TempDirs;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client when parts fail, with real server processes sharing one store and a real redis-server:
 * Redis stopped, a server killed with {@code kill -9}, no server at all.
 */
class FailoverIT {

    private static RedisServer redis;
    private static ServerProcess first;
    private static ServerProcess second;
    private static String sdkKey;
    private static Path data;
    private static final List<CascadeClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.startNew();
        int storePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            storePort = socket.getLocalPort();
        }
        data = Files.createTempDirectory("cascade-client-failover-");
        first = ServerProcess.start(
                data.resolve("first"),
                Map.of("CASCADE_EMBEDDED_MONGO_PORT", Integer.toString(storePort), "CASCADE_REDIS_URI", redis.uri()));
        second = ServerProcess.start(
                data.resolve("second"),
                Map.of("CASCADE_MONGODB_URI", "mongodb://127.0.0.1:" + storePort, "CASCADE_REDIS_URI", redis.uri()));
        sdkKey = Namespaces.create(first.client(), "shop");
    }

    @AfterAll
    static void stop() {
        clients.forEach(CascadeClient::close);
        for (AutoCloseable closeable : new AutoCloseable[] {second, first, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
        TempDirs.delete(data);
    }

    private static CascadeClient client(String hostId, Path cache, ServerProcess... servers) {
        List<URI> endpoints = new ArrayList<>();
        for (ServerProcess server : servers) {
            endpoints.add(URI.create(server.baseUrl()));
        }
        CascadeClient client = CascadeClient.builder()
                .endpoints(endpoints)
                .apiKey(sdkKey)
                .namespace("shop")
                .scope(Map.of("environment", "prod"))
                .hostId(hostId)
                .cacheDirectory(cache)
                .pollInterval(Duration.ofMillis(500))
                .resyncInterval(Duration.ofSeconds(1))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(3))
                .build();
        clients.add(client);
        return client;
    }

    private static int size(int size) {
        return Namespaces.putLayer(
                first.client(),
                "shop",
                "{\"environment\": \"prod\"}",
                "{\"pool\": {\"size\": " + size + ", \"name\": \"main\"}, \"color\": \"blue\"}");
    }

    @Test
    void clientsKeepServingThroughEachFailure() throws Exception {
        Path cache = data.resolve("cache");
        EvaluationContext user = EvaluationContext.ofKey("user-1");

        // Redis stopped: a write on one server still reaches the clients of the other (by polling, if need be).
        CascadeClient onSecond = client("on-second", cache, second).start(Duration.ofSeconds(20));
        CascadeClient failsOver =
                client("fails-over", data.resolve("cache-2"), second, first).start(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> onSecond.connectionState() == ConnectionState.CONNECTED
                        && failsOver.connectionState() == ConnectionState.CONNECTED);
        redis.stop();
        int withoutRedis = size(20);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> onSecond.revision() == withoutRedis && failsOver.revision() == withoutRedis);
        redis.start();

        // The second server killed: the client with two endpoints fails over and keeps receiving changes;
        // the client with one keeps serving its last known good.
        second.kill();
        await().atMost(Duration.ofSeconds(30)).until(() -> onSecond.connectionState() == ConnectionState.DISCONNECTED);
        int afterKill = size(21);
        // revision() is the newer of the config's and the flags' revisions: the flags' first message from
        // the server failed over to may carry the new revision before the config's does.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> failsOver.revision() == afterKill
                        && failsOver.config().at("/pool/size").asInt() == 21);
        assertThat(failsOver.connectionState()).isEqualTo(ConnectionState.CONNECTED);

        assertThat(onSecond.revision()).isEqualTo(withoutRedis);
        assertThat(onSecond.config().at("/pool/size").asInt()).isEqualTo(20);
        assertThat(onSecond.booleanFlag("new-checkout", user, false)).isTrue();
        assertThat(onSecond.staleness()).isPositive();

        // A client started while no server of its own answers starts from the disk copy.
        CascadeClient fromDisk = client("from-disk", cache, second).start(Duration.ofSeconds(5));
        assertThat(fromDisk.revision()).isEqualTo(withoutRedis);
        assertThat(fromDisk.config().at("/pool/size").asInt()).isEqualTo(20);
        assertThat(fromDisk.booleanFlag("new-checkout", user, false)).isTrue();
        assertThat(fromDisk.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);

        // Without a server and without a copy, start says why.
        assertThatThrownBy(() ->
                        client("nothing", data.resolve("empty-cache"), second).start(Duration.ofSeconds(5)))
                .isInstanceOf(CascadeStartException.class)
                .hasMessageContaining(second.baseUrl())
                .hasMessageContaining("no usable copy");
    }
}
