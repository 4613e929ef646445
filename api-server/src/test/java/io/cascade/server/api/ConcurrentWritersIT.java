package io.cascade.server.api;

import static io.cascade.server.api.ConfigApiIT.CREATE;
import static io.cascade.server.api.ConfigApiIT.LAYERS;
import static io.cascade.server.api.ConfigApiIT.PUT;
import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.GraphQlClient.Response;
import io.cascade.testsupport.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Writers race on one namespace through two server processes' worth of servers sharing one store
 * (the second reaches the first's embedded Mongo-wire port). Every revision number is committed
 * exactly once and no accepted write is lost.
 */
class ConcurrentWritersIT {

    private static final int WRITERS = 8;
    private static final int WRITES_EACH = 10;

    private static TestServer first;
    private static TestServer second;

    @BeforeAll
    static void startTwoServersOnOneStore() throws IOException {
        int mongoPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            mongoPort = socket.getLocalPort();
        }
        first = TestServer.start(Map.of("cascade.embedded-mongo-port", mongoPort));
        second = TestServer.start(Map.of(
                "cascade.mongodb-uri",
                "mongodb://127.0.0.1:" + mongoPort + "/cascade",
                "cascade.store.refresh-interval",
                "PT0.2S"));
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void aReplicaPicksUpWhatAnotherCommittedWithoutBeingAsked() {
        first.client().data(CREATE, vars("n", "spread"));
        for (int value = 1; value <= 2; value++) {
            first.client().data(PUT, vars("n", "spread", "s", json("{}"), "c", json("{\"v\": " + value + "}")));
            int expected = value;

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(second.client()
                                    .data(ConfigApiIT.RESOLVE, vars("n", "spread", "s", json("{}")))
                                    .at("/resolveConfig/config/v")
                                    .asInt())
                            .isEqualTo(expected));
        }
    }

    @Test
    void unconditionalWritersEachGetTheirOwnRevisionAndNoneIsLost() throws Exception {
        first.client().data(CREATE, vars("n", "race"));
        List<Callable<List<Integer>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            GraphQlClient client = (w % 2 == 0 ? first : second).client();
            writers.add(() -> {
                List<Integer> revisions = new ArrayList<>();
                for (int i = 0; i < WRITES_EACH; i++) {
                    JsonNode commit = client.data(
                                    PUT,
                                    vars(
                                            "n",
                                            "race",
                                            "s",
                                            json("{\"tenant\": \"w" + writer + "-" + i + "\"}"),
                                            "c",
                                            json("{\"writer\": " + writer + ", \"i\": " + i + "}")))
                            .get("putLayer");
                    revisions.add(commit.get("revision").asInt());
                }
                return revisions;
            });
        }

        List<Integer> committed = new ArrayList<>();
        for (List<Integer> revisions : runTogether(writers)) {
            committed.addAll(revisions);
        }

        int total = WRITERS * WRITES_EACH;
        assertThat(new HashSet<>(committed)).hasSize(total);
        assertThat(committed).allSatisfy(revision -> assertThat(revision).isBetween(2, total + 1));
        JsonNode afterWrite = second.client()
                .data(PUT, vars("n", "race", "s", json("{}"), "c", json("{}")))
                .get("putLayer");
        assertThat(afterWrite.get("revision").asInt()).isEqualTo(total + 2);
        JsonNode layers = second.client().data(LAYERS, vars("n", "race")).at("/namespace/layers");
        assertThat(layers).hasSize(total + 1);
        assertThat(historyRevisions(first.client(), "race")).isEqualTo(rangeClosed(1, total + 2));
    }

    @Test
    void writersNamingTheRevisionTheyReadGetExactlyOneWinnerPerRevision() throws Exception {
        first.client().data(CREATE, vars("n", "cas"));
        Set<Integer> won = ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            GraphQlClient client = (w % 2 == 0 ? first : second).client();
            writers.add(() -> {
                int conflicts = 0;
                for (int i = 0; i < WRITES_EACH; i++) {
                    int seen = latestRevision(client, "cas");
                    Response response = client.post(
                            PUT,
                            vars("n", "cas", "s", json("{}"), "c", json("{\"writer\": " + writer + "}"), "e", seen));
                    if (response.code() == null) {
                        int revision =
                                response.body().at("/data/putLayer/revision").asInt();
                        assertThat(revision).isEqualTo(seen + 1);
                        assertThat(won.add(revision)).isTrue();
                    } else {
                        assertThat(response.code()).isEqualTo("CONFLICT");
                        conflicts++;
                    }
                }
                return conflicts;
            });
        }

        runTogether(writers);

        int latest = historyRevisions(first.client(), "cas").get(0);
        assertThat(won).hasSize(latest - 1).isEqualTo(new HashSet<>(rangeClosed(2, latest)));
    }

    /** Reads the newest revision from the store-backed history, which every replica answers alike. */
    private static int latestRevision(GraphQlClient client, String namespace) {
        return client.data(
                        "query($n: String!) { history(namespace: $n, first: 1) { edges { node { revision } } } }",
                        vars("n", namespace))
                .at("/history/edges/0/node/revision")
                .asInt();
    }

    private static List<Integer> historyRevisions(GraphQlClient client, String namespace) {
        List<Integer> revisions = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = client.data(
                            "query($n: String!, $a: String) { history(namespace: $n, first: 100, after: $a) "
                                    + "{ edges { node { revision } } pageInfo { hasNextPage endCursor } } }",
                            vars("n", namespace, "a", after))
                    .get("history");
            page.get("edges")
                    .forEach(edge -> revisions.add(edge.at("/node/revision").asInt()));
            if (!page.at("/pageInfo/hasNextPage").asBoolean()) {
                return revisions;
            }
            after = page.at("/pageInfo/endCursor").asString();
        }
    }

    private static List<Integer> rangeClosed(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = to; i >= from; i--) {
            out.add(i);
        }
        return out;
    }

    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
