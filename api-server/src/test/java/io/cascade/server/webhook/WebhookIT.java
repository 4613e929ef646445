package io.cascade.server.webhook;

import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.cascade.server.store.WebhookDeliveryStore;
import io.cascade.server.store.WebhookDeliveryStore.Delivery;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import io.cascade.testsupport.WebhookReceiver;
import io.cascade.testsupport.WebhookReceiver.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks against a real server and a real HTTP receiver on 127.0.0.1, allowed through {@code
 * CASCADE_WEBHOOK_ALLOWED_TARGETS=127.0.0.1/32}, with retries shortened (0.2 s first delay, 3
 * attempts, 0.5 s time-out) so the backoff is real but quick.
 */
class WebhookIT {

    static final String CREATE_NS = "mutation($n: String!) { createNamespace(name: $n) { revision } }";
    static final String PUT = "mutation($n: String!, $t: String!, $i: Int!) "
            + "{ putLayer(namespace: $n, selector: {tenant: $t}, content: {i: $i}) { revision } }";
    static final String CREATE = "mutation($n: String!, $u: String!, $e: [String!], $d: String) "
            + "{ createWebhook(namespace: $n, url: $u, events: $e, description: $d) { id secret webhook { id url events enabled } } }";
    static final String DELIVERIES =
            "query($n: String!, $w: ID!) { webhookDeliveries(namespace: $n, webhookId: $w, first: 50) "
                    + "{ edges { node { id event status attempts lastStatusCode lastError revision nextAttemptAt deliveredAt } } } }";
    static final String REDELIVER = "mutation($n: String!, $w: ID!, $d: ID!) "
            + "{ redeliverWebhook(namespace: $n, webhookId: $w, deliveryId: $d) { id status attempts } }";
    static final String ROTATE = "mutation($n: String!, $w: ID!) { rotateWebhookSecret(namespace: $n, id: $w) "
            + "{ id secret webhook { previousSecretValidUntil } } }";
    static final String UPDATE = "mutation($n: String!, $w: ID!, $u: String, $on: Boolean) "
            + "{ updateWebhook(namespace: $n, id: $w, url: $u, enabled: $on) { id url enabled } }";
    static final String DELETE = "mutation($n: String!, $w: ID!) { deleteWebhook(namespace: $n, id: $w) { id } }";
    static final String LIST = "query($n: String!) { webhooks(namespace: $n) { id url events description enabled } }";
    static final String AUDIT = "query($n: String!) { auditLog(namespace: $n, first: 100) "
            + "{ edges { node { action target before after } } } }";

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestServer server;
    private static GraphQlClient admin;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = WebhookReceiver.start();
        server = TestServer.start(Map.of(
                "cascade.webhook.allowed-targets", "127.0.0.1/32",
                "cascade.webhook.retry-initial", "PT0.2S",
                "cascade.webhook.retry-max", "PT1S",
                "cascade.webhook.max-attempts", "3",
                "cascade.webhook.poll-interval", "PT0.1S",
                "cascade.webhook.timeout", "PT0.5S",
                "cascade.webhook.connect-timeout", "PT0.5S"));
        admin = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static JsonNode createWebhook(String namespace, String path) {
        return admin.data(CREATE, vars("n", namespace, "u", receiver.url(path))).get("createWebhook");
    }

    private static int put(String namespace, int i) {
        return admin.data(PUT, vars("n", namespace, "t", "t" + i, "i", i))
                .at("/putLayer/revision")
                .asInt();
    }

    private static List<JsonNode> deliveries(String namespace, String webhookId) {
        JsonNode edges =
                admin.data(DELIVERIES, vars("n", namespace, "w", webhookId)).at("/webhookDeliveries/edges");
        return edges.valueStream().map(edge -> edge.get("node")).toList();
    }

    private static boolean signed(Request request, String secret) {
        return VerifyCascadeSignature.verify(
                request.header("Cascade-Signature"),
                request.body().getBytes(StandardCharsets.UTF_8),
                secret,
                Instant.now().getEpochSecond());
    }

    @Test
    void aReceiverFailingTwiceGetsTheThirdAttemptWithTheSameIdAndAValidSignature() {
        admin.data(CREATE_NS, vars("n", "retry"));
        receiver.answer("/retry", n -> n <= 2 ? 500 : 200);
        JsonNode created = createWebhook("retry", "/retry");
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        int revision = put("retry", 1);

        await().atMost(WAIT).until(() -> receiver.requests("/retry").size() >= 3);
        List<Request> attempts = receiver.requests("/retry");
        assertThat(attempts).hasSize(3);
        String id = attempts.get(0).header("Cascade-Delivery");
        assertThat(id).isNotBlank();
        for (Request attempt : attempts) {
            assertThat(attempt.header("Cascade-Delivery")).isEqualTo(id);
            assertThat(attempt.header("Cascade-Event")).isEqualTo("revision.committed");
            assertThat(signed(attempt, secret))
                    .as("signature of %s", attempt.header("Cascade-Signature"))
                    .isTrue();
            assertThat(signed(attempt, "whsec_wrong")).isFalse();
        }
        JsonNode body = GraphQlClient.JSON.readTree(attempts.get(2).body());
        assertThat(body.get("id").asString()).isEqualTo(id);
        assertThat(body.get("event").asString()).isEqualTo("revision.committed");
        assertThat(body.get("namespace").asString()).isEqualTo("retry");
        assertThat(body.get("revision").asInt()).isEqualTo(revision);
        assertThat(Instant.parse(body.get("occurredAt").asString())).isBefore(Instant.now());
        assertThat(body.at("/data/action").asString()).isEqualTo("layer.put");
        assertThat(body.at("/data/changes/0/selector/tenant").asString()).isEqualTo("t1");
        assertThat(attempts.get(0).body())
                .as("the body is the same on every attempt")
                .isEqualTo(attempts.get(2).body());

        // Backoff: the waits grow from the first delay (0.2 s, jittered by at most 25 %).
        long firstWait = attempts.get(1).receivedNanos() - attempts.get(0).receivedNanos();
        long secondWait = attempts.get(2).receivedNanos() - attempts.get(1).receivedNanos();
        assertThat(Duration.ofNanos(firstWait)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(Duration.ofNanos(secondWait)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery =
                    deliveries("retry", created.get("id").asString()).get(0);
            assertThat(delivery.get("id").asString()).isEqualTo(id);
            assertThat(delivery.get("status").asString()).isEqualTo("DELIVERED");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
            assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(200);
            assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
        });
    }

    @Test
    void aReceiverThatNeverAnswersIsTimedOutAndRetried() {
        admin.data(CREATE_NS, vars("n", "silent"));
        receiver.answer("/silent", n -> WebhookReceiver.HANG);
        String webhook = createWebhook("silent", "/silent").get("id").asString();
        put("silent", 1);

        await().atMost(WAIT).until(() -> receiver.requests("/silent").size() >= 2);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = deliveries("silent", webhook).get(0);
            assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(delivery.get("lastStatusCode").isNull()).isTrue();
            assertThat(delivery.get("lastError").asString()).contains("timed out");
        });
        List<Request> attempts = receiver.requests("/silent");
        assertThat(attempts.get(1).header("Cascade-Delivery"))
                .isEqualTo(attempts.get(0).header("Cascade-Delivery"));
    }

    @Test
    void aDeliveryThatKeepsFailingBecomesFailedTheNextGoesInOrderAndItCanBeRedelivered() {
        admin.data(CREATE_NS, vars("n", "order"));
        boolean[] accept = {false};
        receiver.answer("/order", n -> accept[0] ? 200 : 503);
        String webhook = createWebhook("order", "/order").get("id").asString();
        int first = put("order", 1);
        await().atMost(WAIT).until(() -> receiver.requests("/order").size() >= 3);
        accept[0] = true;
        int second = put("order", 2);
        int third = put("order", 3);

        await().atMost(WAIT).until(() -> receiver.requests("/order").size() >= 5);
        List<Integer> revisions = receiver.requests("/order").stream()
                .map(r -> GraphQlClient.JSON.readTree(r.body()).get("revision").asInt())
                .toList();
        assertThat(revisions).containsExactly(first, first, first, second, third);
        List<JsonNode> log = deliveries("order", webhook);
        assertThat(log).extracting(d -> d.get("revision").asInt()).containsExactly(third, second, first);
        JsonNode failed = log.get(2);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("lastStatusCode").asInt()).isEqualTo(503);
        assertThat(failed.get("lastError").asString()).contains("503");

        JsonNode again = admin.data(
                        REDELIVER,
                        vars("n", "order", "w", webhook, "d", failed.get("id").asString()))
                .get("redeliverWebhook");
        assertThat(again.get("status").asString()).isEqualTo("PENDING");
        await().atMost(WAIT).until(() -> receiver.requests("/order").size() >= 6);
        Request redelivered = receiver.requests("/order").get(5);
        assertThat(redelivered.header("Cascade-Delivery"))
                .isEqualTo(failed.get("id").asString());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(deliveries("order", webhook)
                                .get(2)
                                .get("status")
                                .asString())
                        .isEqualTo("DELIVERED"));
    }

    @Test
    void aPrivateAddressIsRefusedWithoutTheAllowListAndNothingChanges() {
        admin.data(CREATE_NS, vars("n", "guarded"));
        Map<String, String> refused = Map.of(
                "http://10.0.0.1/hook", "private",
                "http://192.168.1.20:8080/", "private",
                "http://127.0.0.2/", "loopback",
                "http://localhost:9/", "loopback",
                "http://169.254.169.254/latest/meta-data/", "cloud-metadata",
                "http://[::1]/", "loopback",
                "http://2130706433/", "ambiguous-ipv4",
                "ftp://example.com/", "scheme");
        refused.forEach((url, rule) -> {
            GraphQlClient.Response response = admin.post(CREATE, vars("n", "guarded", "u", url));
            assertThat(response.code()).as(url).isEqualTo("BAD_USER_INPUT");
            assertThat(response.firstError().at("/extensions/rule").asString())
                    .as(url)
                    .isEqualTo(rule);
            assertThat(response.body().get("data").isNull()).isTrue();
        });
        GraphQlClient.Response badEvent =
                admin.post(CREATE, vars("n", "guarded", "u", receiver.url("/x"), "e", List.of("revision.created")));
        assertThat(badEvent.code()).isEqualTo("BAD_USER_INPUT");
        assertThat(badEvent.firstError().get("message").asString()).contains("revision.created");
        assertThat(admin.data(LIST, vars("n", "guarded")).get("webhooks")).isEmpty();
        assertThat(admin.data(AUDIT, vars("n", "guarded"))
                        .at("/auditLog/edges")
                        .valueStream()
                        .map(edge -> edge.at("/node/action").asString()))
                .containsExactly("namespace.create");

        String created = createWebhook("guarded", "/guarded").get("id").asString();
        GraphQlClient.Response moved = admin.post(UPDATE, vars("n", "guarded", "w", created, "u", "http://10.1.1.1/"));
        assertThat(moved.code()).isEqualTo("BAD_USER_INPUT");
        assertThat(admin.data(LIST, vars("n", "guarded")).at("/webhooks/0/url").asString())
                .isEqualTo(receiver.url("/guarded"));
    }

    @Test
    void onlyANamespaceAdminManagesWebhooks() {
        admin.data(CREATE_NS, vars("n", "roles"));
        String editor = admin.data("mutation { createApiKey(namespace: \"roles\", role: EDITOR) { secret } }")
                .at("/createApiKey/secret")
                .asString();
        GraphQlClient asEditor = server.anonymousClient().withKey(editor);
        assertThat(asEditor.post(CREATE, vars("n", "roles", "u", receiver.url("/roles")))
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(asEditor.post(LIST, vars("n", "roles")).code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void changesAreAuditedAndSecretsAreNeverStoredOrAuditedInClear() {
        admin.data(CREATE_NS, vars("n", "audited"));
        JsonNode created = createWebhook("audited", "/audited?token=abc");
        String id = created.get("id").asString();
        String secret = created.get("secret").asString();
        admin.data(UPDATE, vars("n", "audited", "w", id, "on", false));
        JsonNode rotated = admin.data(ROTATE, vars("n", "audited", "w", id)).get("rotateWebhookSecret");
        String newSecret = rotated.get("secret").asString();
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(rotated.at("/webhook/previousSecretValidUntil").asString()).isNotBlank();

        MongoDatabase store = server.bean(MongoDatabase.class);
        Document stored =
                store.getCollection("webhooks").find(new Document("_id", id)).first();
        assertThat(stored.toJson()).doesNotContain(secret).doesNotContain(newSecret);

        admin.data(DELETE, vars("n", "audited", "w", id));
        assertThat(admin.data(LIST, vars("n", "audited")).get("webhooks")).isEmpty();
        JsonNode entries = admin.data(AUDIT, vars("n", "audited")).at("/auditLog/edges");
        assertThat(entries.valueStream().map(edge -> edge.at("/node/action").asString()))
                .containsExactly(
                        "webhook.delete", "webhook.rotate", "webhook.update", "webhook.create", "namespace.create");
        assertThat(entries.toString())
                .doesNotContain(secret)
                .doesNotContain(newSecret)
                .doesNotContain("token=abc")
                .contains(id);
        assertThat(admin.data("query($n: String!) { verifyAudit(namespace: $n) { valid } }", vars("n", "audited"))
                        .at("/verifyAudit/valid")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void duringTheGracePeriodDeliveriesAreSignedWithTheOldAndTheNewSecret() {
        admin.data(CREATE_NS, vars("n", "rotation"));
        JsonNode created = createWebhook("rotation", "/rotation");
        String id = created.get("id").asString();
        String old = created.get("secret").asString();
        String fresh = admin.data(ROTATE, vars("n", "rotation", "w", id))
                .at("/rotateWebhookSecret/secret")
                .asString();
        put("rotation", 1);

        await().atMost(WAIT).until(() -> receiver.requests("/rotation").size() >= 1);
        Request request = receiver.requests("/rotation").get(0);
        assertThat(request.header("Cascade-Signature")).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(signed(request, fresh)).isTrue();
        assertThat(signed(request, old)).isTrue();
    }

    @Test
    void redirectsAreNotFollowedAndOnlyTheStartOfAnAnswerIsRead() {
        admin.data(CREATE_NS, vars("n", "redirect"));
        receiver.answer("/redirect", n -> 302);
        String redirected = createWebhook("redirect", "/redirect").get("id").asString();
        admin.data(CREATE_NS, vars("n", "bigbody"));
        receiver.answer("/bigbody", n -> 500)
                .answerBody("/bigbody", "x".repeat(200_000).getBytes(StandardCharsets.UTF_8));
        String big = createWebhook("bigbody", "/bigbody").get("id").asString();
        put("redirect", 1);
        put("bigbody", 1);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = deliveries("redirect", redirected).get(0);
            assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(302);
            assertThat(delivery.get("lastError").asString()).contains("redirect");
        });
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = deliveries("bigbody", big).get(0);
            assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(500);
            assertThat(delivery.get("lastError").asString()).hasSizeLessThan(300);
        });
        assertThat(receiver.requests("/elsewhere")).isEmpty();
    }

    @Test
    void ofTwoProcessesClaimingTheSameAttemptExactlyOneWins() throws Exception {
        WebhookDeliveryStore store = new WebhookDeliveryStore(server.bean(MongoDatabase.class));
        Instant now = Instant.now();
        Delivery read =
                Delivery.pending("wh_claimtest.r1", "wh_claimtest", "none", 1, "revision.committed", 1, now, "{}", now);
        assertThat(store.insertIfAbsent(read)).isTrue();
        assertThat(store.insertIfAbsent(read)).as("the same id again").isFalse();

        int claimers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<Future<Delivery>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                String token = "token-" + i;
                claims.add(pool.submit(() -> {
                    go.await();
                    return store.claim(read, token, now, now.plusSeconds(60));
                }));
            }
            go.countDown();
            List<Delivery> won = new java.util.ArrayList<>();
            for (Future<Delivery> claim : claims) {
                won.add(claim.get());
            }
            List<Delivery> winners = won.stream().filter(Objects::nonNull).toList();
            assertThat(winners).hasSize(1);
            Delivery winner = winners.get(0);
            assertThat(winner.attempts()).isEqualTo(1);
            assertThat(store.finish(
                            read.id(), "token-other", WebhookDeliveryStore.Status.DELIVERED, 200, null, null, now))
                    .as("an outcome under a lost claim is not recorded")
                    .isFalse();
            assertThat(store.finish(
                            read.id(), winner.claim(), WebhookDeliveryStore.Status.PENDING, 500, "x", now, null))
                    .isTrue();
            assertThat(store.claim(read, "late", now, now.plusSeconds(60)))
                    .as("a claim from a stale read")
                    .isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAttemptWhoseClaimerDiedIsMadeAgainOnceItsLeaseRunsOutAndLaterEventsWait() {
        admin.data(CREATE_NS, vars("n", "lease"));
        String webhook = createWebhook("lease", "/lease").get("id").asString();
        Instant now = Instant.now();
        Instant leaseEnds = now.plusSeconds(2);
        String orphan = webhook + ".orphan";
        Delivery pending = Delivery.pending(
                orphan,
                webhook,
                "lease",
                0,
                "revision.committed",
                1,
                now,
                "{\"id\":\"" + orphan + "\",\"revision\":1}",
                now);
        // As a process leaves it when it dies after claiming its first attempt.
        Delivery claimed = new Delivery(
                pending.id(),
                pending.webhookId(),
                pending.namespace(),
                pending.sequence(),
                pending.event(),
                pending.revision(),
                pending.occurredAt(),
                pending.body(),
                WebhookDeliveryStore.Status.PENDING,
                1,
                0,
                null,
                null,
                now,
                now,
                null,
                "dead-process",
                leaseEnds,
                now);
        new WebhookDeliveryStore(server.bean(MongoDatabase.class)).insertIfAbsent(claimed);
        int revision = put("lease", 1);

        await().atMost(WAIT).until(() -> receiver.requests("/lease").size() >= 2);
        List<Request> received = receiver.requests("/lease");
        assertThat(received.get(0).header("Cascade-Delivery")).isEqualTo(orphan);
        assertThat(received.get(0).receivedAt()).isAfterOrEqualTo(leaseEnds);
        assertThat(GraphQlClient.JSON
                        .readTree(received.get(1).body())
                        .get("revision")
                        .asInt())
                .isEqualTo(revision);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode first = deliveries("lease", webhook).get(1);
            assertThat(first.get("id").asString()).isEqualTo(orphan);
            assertThat(first.get("status").asString()).isEqualTo("DELIVERED");
            assertThat(first.get("attempts").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aTargetThatNoLongerPassesTheGuardIsRefusedAtDelivery() {
        admin.data(CREATE_NS, vars("n", "recheck"));
        String webhook = createWebhook("recheck", "/recheck").get("id").asString();
        // What a name resolves to can change after registration; here the stored URL itself moves to a
        // loopback address outside the allow-list (127.0.0.1/32).
        String moved = receiver.url("/recheck").replace("127.0.0.1", "127.0.0.2");
        server.bean(MongoDatabase.class)
                .getCollection("webhooks")
                .updateOne(new Document("_id", webhook), new Document("$set", new Document("url", moved)));
        put("recheck", 1);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = deliveries("recheck", webhook).get(0);
            assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(delivery.get("lastError").asString())
                    .startsWith("refused by the forgery guard")
                    .contains("loopback");
            assertThat(delivery.get("lastStatusCode").isNull()).isTrue();
        });
        assertThat(receiver.requests("/recheck")).isEmpty();
    }

    @Test
    void finishedDeliveriesPastTheRetentionAreDeletedAndPendingOnesStay() {
        WebhookDeliveryStore store = new WebhookDeliveryStore(server.bean(MongoDatabase.class));
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        Delivery old = Delivery.pending(
                "wh_retention.r1", "wh_retention", "none", 1, "revision.committed", 1, longAgo, "{}", longAgo);
        Delivery oldPending = Delivery.pending(
                "wh_retention.r2", "wh_retention", "none", 2, "revision.committed", 2, longAgo, "{}", longAgo);
        store.insertIfAbsent(old);
        store.insertIfAbsent(oldPending);
        Delivery claimed = store.claim(old, "t", longAgo, longAgo.plusSeconds(1));
        store.finish(claimed.id(), "t", WebhookDeliveryStore.Status.DELIVERED, 200, null, null, longAgo);

        assertThat(store.deleteFinishedBefore(Instant.parse("2021-01-01T00:00:00Z")))
                .isEqualTo(1);
        assertThat(store.find(old.id())).isNull();
        assertThat(store.find(oldPending.id())).isNotNull();
    }
}
