package io.cascade.gateway.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.cascade.gateway.spi.Caller;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Keys checked against a real HTTP endpoint that answers {@code whoami} slowly and counts questions. */
class RemoteKeyVerifierTest {

    private static final String WHOAMI = "{\"data\":{\"whoami\":{\"keyId\":\"k1\",\"platformAdmin\":false,"
            + "\"namespace\":\"live\",\"role\":\"SDK\",\"environment\":\"prod\"}}}";

    private final AtomicInteger questions = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer http;
    private RemoteKeyVerifier verifier;

    @BeforeEach
    void serverThatWaitsBeforeAnswering() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/graphql", exchange -> {
            questions.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = WHOAMI.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        URI endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        verifier = new RemoteKeyVerifier(
                new ServerClient(
                        List.of(endpoint), "gateway-key", JsonMapper.builder().build()),
                Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.stop(0);
    }

    @Test
    void hostsConnectingTogetherWithOneKeyAskTheServerOnce() throws Exception {
        ExecutorService hosts = Executors.newFixedThreadPool(32);
        try {
            List<Future<Optional<Caller>>> answers = new ArrayList<>();
            CountDownLatch asking = new CountDownLatch(32);
            for (int i = 0; i < 32; i++) {
                answers.add(hosts.submit(() -> {
                    asking.countDown();
                    return verifier.verify("Bearer same-key");
                }));
            }
            assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> questions.get() > 0);
            // every host is asking now; were they to ask the server too, it would hear them meanwhile
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> questions.get() == 1);
            release.countDown();
            for (Future<Optional<Caller>> answer : answers) {
                assertThat(answer.get())
                        .hasValueSatisfying(
                                caller -> assertThat(caller.environment()).isEqualTo("prod"));
            }
            assertThat(questions.get()).isEqualTo(1);

            verifier.verify("Bearer another-key");
            assertThat(questions.get()).as("another key is its own question").isEqualTo(2);
        } finally {
            hosts.shutdownNow();
        }
    }
}
