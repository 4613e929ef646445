package io.cascade.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Listeners hear of every revision a process learns of, its own and other processes', exactly once
 * and in order, and never hold up a write.
 */
class RevisionEventsIT {

    private static final String CREATE = "mutation($n: String!) { createNamespace(name: $n) { revision } }";
    private static final String PUT = "mutation($n: String!, $i: Int!) "
            + "{ putLayer(namespace: $n, selector: {}, content: {i: $i}) { revision } }";

    @Test
    void everyRevisionFromEitherProcessIsHeardOnceAndInOrderByBoth() throws Exception {
        int port = freePort();
        try (TestServer a = TestServer.start(
                        Map.of("cascade.embedded-mongo-port", port, "cascade.store.refresh-interval", "PT0.2S"));
                TestServer b = TestServer.start(Map.of(
                        "cascade.mongodb-uri",
                        "mongodb://127.0.0.1:" + port,
                        "cascade.store.refresh-interval",
                        "PT0.2S"))) {
            Map<String, List<Integer>> heardByA = listen(a);
            Map<String, List<Integer>> heardByB = listen(b);
            GraphQlClient viaA = a.client();
            GraphQlClient viaB = b.client();
            viaA.data(CREATE, Map.of("n", "left"));
            viaB.data(CREATE, Map.of("n", "right"));
            for (int i = 0; i < 20; i++) {
                viaA.data(PUT, Map.of("n", i % 2 == 0 ? "left" : "right", "i", i));
                viaB.data(PUT, Map.of("n", i % 2 == 0 ? "right" : "left", "i", i));
            }

            List<Integer> all = new ArrayList<>();
            for (int revision = 1; revision <= 21; revision++) {
                all.add(revision);
            }
            for (Map<String, List<Integer>> heard : List.of(heardByA, heardByB)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(heard.get("left")).isEqualTo(all);
                    assertThat(heard.get("right")).isEqualTo(all);
                });
            }
        }
    }

    @Test
    void aStuckListenerDoesNotHoldUpWrites() throws Exception {
        try (TestServer server = TestServer.start()) {
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> heard = new CopyOnWriteArrayList<>();
            server.bean(RevisionEvents.class).subscribe((record, after, here) -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                heard.add(record.revision());
            });
            GraphQlClient client = server.client();
            client.data(CREATE, Map.of("n", "busy"));
            for (int i = 0; i < 5; i++) {
                client.data(PUT, Map.of("n", "busy", "i", i));
            }
            assertThat(heard).isEmpty();

            release.countDown();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(heard).containsExactly(1, 2, 3, 4, 5, 6));
        }
    }

    private static Map<String, List<Integer>> listen(TestServer server) {
        Map<String, List<Integer>> heard = new ConcurrentHashMap<>();
        server.bean(RevisionEvents.class).subscribe((record, after, here) -> {
            if (after.revision() != record.revision()) {
                throw new AssertionError("snapshot " + after + " delivered with revision " + record.revision());
            }
            heard.computeIfAbsent(record.namespace(), key -> new CopyOnWriteArrayList<>())
                    .add(record.revision());
        });
        return heard;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
