package io.cascade.server.webhook;

import static io.cascade.server.webhook.WebhookIT.CREATE;
import static io.cascade.server.webhook.WebhookIT.CREATE_NS;
import static io.cascade.server.webhook.WebhookIT.PUT;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerProcess;
import io.cascade.testsupport.WebhookReceiver;
import io.cascade.testsupport.WebhookReceiver.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks across real server processes: one killed with {@code kill -9} after a commit and
 * restarted on the same data still delivers that commit's event; two processes sharing one store
 * deliver each event exactly once.
 */
class WebhookProcessIT {

    /** Shared by the processes that share a store: sealed secrets must open on each. */
    private static final String SECRET_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private WebhookReceiver receiver;

    @TempDir
    Path dir;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CASCADE_WEBHOOK_ALLOWED_TARGETS", "127.0.0.1/32");
        env.put("CASCADE_WEBHOOK_POLL_INTERVAL", "PT0.1S");
        env.put("CASCADE_WEBHOOK_RETRY_INITIAL", "PT0.2S");
        env.put("CASCADE_WEBHOOK_TIMEOUT", "PT2S");
        env.put("CASCADE_WEBHOOK_CONNECT_TIMEOUT", "PT1S");
        env.put("CASCADE_STORE_REFRESH_INTERVAL", "PT0.2S");
        env.putAll(more);
        return env;
    }

    @Test
    void aServerKilledAfterACommitStillDeliversItsEventAfterRestart() {
        Path data = dir.resolve("data");
        int revision;
        String secret;
        // This process commits but sends nothing: the event exists only in the store when it dies.
        ServerProcess first = ServerProcess.start(data, settings(Map.of("CASCADE_WEBHOOK_SEND", "false")));
        try {
            GraphQlClient admin = first.client();
            admin.data(CREATE_NS, vars("n", "crash"));
            secret = admin.data(CREATE, vars("n", "crash", "u", receiver.url("/crash")))
                    .at("/createWebhook/secret")
                    .asString();
            revision = admin.data(PUT, vars("n", "crash", "t", "a", "i", 1))
                    .at("/putLayer/revision")
                    .asInt();
        } finally {
            first.kill();
        }
        assertThat(receiver.requests("/crash")).isEmpty();

        try (ServerProcess second = ServerProcess.start(data, settings(Map.of()))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !receiver.requests("/crash").isEmpty());
            Request request = receiver.requests("/crash").get(0);
            assertThat(GraphQlClient.JSON
                            .readTree(request.body())
                            .get("revision")
                            .asInt())
                    .isEqualTo(revision);
            assertThat(VerifyCascadeSignature.verify(
                            request.header("Cascade-Signature"),
                            request.body().getBytes(StandardCharsets.UTF_8),
                            secret,
                            Instant.now().getEpochSecond()))
                    .as("signed with the secret sealed under the generated key file, read back after the crash")
                    .isTrue();
        }
    }

    @Test
    void twoProcessesSharingOneStoreDeliverEachEventExactlyOnceAndInOrder() {
        int storePort = freePort();
        Map<String, String> common = Map.of("CASCADE_SECRET_KEY", SECRET_KEY);
        Map<String, String> owner = new LinkedHashMap<>(common);
        owner.put("CASCADE_EMBEDDED_MONGO_PORT", Integer.toString(storePort));
        Map<String, String> replica = new LinkedHashMap<>(common);
        replica.put("CASCADE_MONGODB_URI", "mongodb://127.0.0.1:" + storePort);
        try (ServerProcess a = ServerProcess.start(dir.resolve("a"), settings(owner));
                ServerProcess b = ServerProcess.start(dir.resolve("b"), settings(replica))) {
            GraphQlClient viaA = a.client();
            GraphQlClient viaB = b.client();
            viaA.data(CREATE_NS, vars("n", "shared"));
            viaB.data(CREATE, vars("n", "shared", "u", receiver.url("/shared")));
            List<Integer> committed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                GraphQlClient via = i % 2 == 0 ? viaA : viaB;
                committed.add(via.data(PUT, vars("n", "shared", "t", "t" + i, "i", i))
                        .at("/putLayer/revision")
                        .asInt());
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> receiver.requests("/shared").size() >= 20);
            // Both keep polling; nothing more may arrive.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.requests("/shared").size() == 20);
            List<Request> received = receiver.requests("/shared");
            assertThat(received.stream().map(r -> r.header("Cascade-Delivery")).distinct())
                    .hasSize(20);
            assertThat(received.stream()
                            .map(r -> GraphQlClient.JSON
                                    .readTree(r.body())
                                    .get("revision")
                                    .asInt())
                            .toList())
                    .isEqualTo(committed);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
