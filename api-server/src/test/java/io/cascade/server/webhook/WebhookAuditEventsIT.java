package io.cascade.server.webhook;

import static io.cascade.server.webhook.WebhookIT.CREATE_NS;
import static io.cascade.server.webhook.WebhookIT.DELIVERIES;
import static io.cascade.server.webhook.WebhookIT.PUT;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.cascade.server.audit.AuditEntry;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Principal;
import io.cascade.server.auth.Role;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import io.cascade.testsupport.WebhookReceiver;
import io.cascade.testsupport.WebhookReceiver.Request;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code change.*} and {@code rollout.*} webhooks taken from the audit chain, against a real server
 * and a real receiver on 127.0.0.1. The steps are appended through the server's {@link AuditTrail}
 * with the actions change requests and rollouts record; a {@code putLayer} through the API is a
 * real revision. A test waits for a last event it knows comes after everything else, so "nothing
 * more arrived" needs no sleep: a webhook's deliveries go one at a time, in order.
 */
class WebhookAuditEventsIT {

    private static final String CREATE = "mutation($n: String!, $u: String!, $e: [String!]) "
            + "{ createWebhook(namespace: $n, url: $u, events: $e) { id secret } }";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Actor CI =
            new Actor(new Principal("key_ci7", "ci pipeline", false, "steps", Role.ADMIN, null), "req-audit-events");

    private static TestServer server;
    private static GraphQlClient admin;
    private static WebhookReceiver receiver;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        receiver = WebhookReceiver.start();
        server = TestServer.start(settings(Map.of()));
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

    private static Map<String, Object> settings(Map<String, Object> more) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("cascade.webhook.allowed-targets", "127.0.0.1/32");
        settings.put("cascade.webhook.retry-initial", "PT0.2S");
        settings.put("cascade.webhook.retry-max", "PT0.5S");
        settings.put("cascade.webhook.max-attempts", "100");
        settings.put("cascade.webhook.poll-interval", "PT0.1S");
        settings.put("cascade.webhook.timeout", "PT1S");
        settings.put("cascade.webhook.connect-timeout", "PT0.5S");
        settings.putAll(more);
        return settings;
    }

    private static JsonNode createWebhook(GraphQlClient client, String namespace, String path, List<String> events) {
        return client.data(CREATE, vars("n", namespace, "u", receiver.url(path), "e", events))
                .get("createWebhook");
    }

    private static AuditEntry step(
            TestServer on,
            String namespace,
            String action,
            Integer revision,
            Map<String, Object> target,
            String message) {
        return on.bean(AuditTrail.class)
                .append(namespace, CI, new AuditTrail.Event(action, revision, target, null, null, message));
    }

    private static int put(GraphQlClient client, String namespace, int i) {
        return client.data(PUT, vars("n", namespace, "t", "t" + i, "i", i))
                .at("/putLayer/revision")
                .asInt();
    }

    private static JsonNode body(Request request) {
        return GraphQlClient.JSON.readTree(request.body());
    }

    private static List<String> events(String path) {
        return receiver.requests(path).stream()
                .map(request -> request.header("Cascade-Event"))
                .toList();
    }

    private static boolean arrived(String path, String event, int revision) {
        return receiver.requests(path).stream()
                .map(WebhookAuditEventsIT::body)
                .anyMatch(body -> body.get("event").asString().equals(event)
                        && body.get("revision").asInt() == revision);
    }

    private static boolean signed(Request request, String secret) {
        return VerifyCascadeSignature.verify(
                request.header("Cascade-Signature"),
                request.body().getBytes(StandardCharsets.UTF_8),
                secret,
                Instant.now().getEpochSecond());
    }

    @Test
    void changeAndRolloutStepsArriveOnceInOrderSignedAndNamedAsDocumented() {
        admin.data(CREATE_NS, vars("n", "steps"));
        JsonNode webhook = createWebhook(admin, "steps", "/steps", null);
        String secret = webhook.get("secret").asString();
        String webhookId = webhook.get("id").asString();

        AuditEntry proposed = step(server, "steps", "change.propose", null, Map.of("changeRequestId", "cr_1"), null);
        step(server, "steps", "change.approve", null, Map.of("changeRequestId", "cr_1"), "looks right");
        int applied = put(admin, "steps", 1);
        AuditEntry apply =
                step(server, "steps", "change.apply", applied, Map.of("changeRequestId", "cr_1"), "bigger pool");
        step(server, "steps", "rollout.start", null, Map.of("rolloutId", "ro_1"), "canary first");
        AuditEntry abort = step(
                server,
                "steps",
                "rollout.abort",
                null,
                Map.of("rolloutId", "ro_1"),
                "gate errorRate: 0.09 > 0.05 over 40 requests");
        int last = put(admin, "steps", 2);

        await().atMost(WAIT).until(() -> arrived("/steps", "revision.committed", last));
        List<Request> requests = receiver.requests("/steps");
        assertThat(events("/steps"))
                .containsExactly(
                        "change.proposed",
                        "change.approved",
                        "revision.committed",
                        "change.applied",
                        "rollout.started",
                        "rollout.aborted",
                        "revision.committed");
        assertThat(requests)
                .extracting(request -> request.header("Cascade-Delivery"))
                .doesNotHaveDuplicates();
        for (Request request : requests) {
            JsonNode body = body(request);
            assertThat(signed(request, secret))
                    .as(request.header("Cascade-Delivery"))
                    .isTrue();
            assertThat(body.get("id").asString()).isEqualTo(request.header("Cascade-Delivery"));
            assertThat(body.get("event").asString()).isEqualTo(request.header("Cascade-Event"));
            assertThat(body.get("namespace").asString()).isEqualTo("steps");
            assertThat(request.body()).doesNotContain(secret).doesNotContain("whsec_");
        }

        JsonNode first = body(requests.get(0));
        assertThat(first.get("id").asString()).isEqualTo(webhookId + ".a" + proposed.sequence());
        assertThat(first.get("occurredAt").asString()).isEqualTo(proposed.at().toString());
        assertThat(first.at("/data/action").asString()).isEqualTo("change.propose");
        assertThat(first.at("/data/target/changeRequestId").asString()).isEqualTo("cr_1");
        assertThat(first.at("/data/actor/keyId").asString()).isEqualTo("key_ci7");
        assertThat(first.at("/data/actor/name").asString()).isEqualTo("ci pipeline");
        assertThat(first.get("data").has("committedRevision")).isFalse();
        assertThat(first.get("revision").asInt()).isEqualTo(applied - 1);

        JsonNode revision = body(requests.get(2));
        assertThat(revision.get("revision").asInt()).isEqualTo(applied);
        JsonNode change = body(requests.get(3));
        assertThat(change.get("id").asString()).isEqualTo(webhookId + ".a" + apply.sequence());
        assertThat(change.get("revision").asInt()).isEqualTo(applied);
        assertThat(change.at("/data/committedRevision").asInt()).isEqualTo(applied);
        assertThat(change.at("/data/message").asString()).isEqualTo("bigger pool");

        JsonNode aborted = body(requests.get(5));
        assertThat(aborted.get("id").asString()).isEqualTo(webhookId + ".a" + abort.sequence());
        assertThat(aborted.at("/data/action").asString()).isEqualTo("rollout.abort");
        assertThat(aborted.at("/data/target/rolloutId").asString()).isEqualTo("ro_1");
        assertThat(aborted.at("/data/message").asString()).isEqualTo("gate errorRate: 0.09 > 0.05 over 40 requests");
        assertThat(aborted.get("revision").asInt()).isEqualTo(applied);

        JsonNode log =
                admin.data(DELIVERIES, vars("n", "steps", "w", webhookId)).at("/webhookDeliveries/edges");
        assertThat(log.valueStream().map(edge -> edge.at("/node/event").asString()))
                .containsExactly(
                        "revision.committed",
                        "rollout.aborted",
                        "rollout.started",
                        "change.applied",
                        "revision.committed",
                        "change.approved",
                        "change.proposed");
    }

    @Test
    void aChangeFilterGetsChangeStepsOnly() {
        admin.data(CREATE_NS, vars("n", "filtered"));
        createWebhook(admin, "filtered", "/filtered", List.of("change.*"));

        step(server, "filtered", "rollout.start", null, Map.of("rolloutId", "ro_2"), null);
        step(server, "filtered", "change.propose", null, Map.of("changeRequestId", "cr_2"), null);
        put(admin, "filtered", 1);
        step(server, "filtered", "rollout.abort", null, Map.of("rolloutId", "ro_2"), "by hand");
        step(server, "filtered", "change.reject", null, Map.of("changeRequestId", "cr_2"), "not now");

        await().atMost(WAIT).until(() -> events("/filtered").contains("change.rejected"));
        assertThat(events("/filtered")).containsExactly("change.proposed", "change.rejected");
    }

    @Test
    void aWebhookCreatedAfterStepsStartsAtTheHeadOfTheChain() {
        admin.data(CREATE_NS, vars("n", "late"));
        step(server, "late", "change.propose", null, Map.of("changeRequestId", "cr_3"), null);
        step(server, "late", "rollout.start", null, Map.of("rolloutId", "ro_3"), null);
        put(admin, "late", 1);

        createWebhook(admin, "late", "/late", null);
        step(server, "late", "change.approve", null, Map.of("changeRequestId", "cr_3"), null);
        int last = put(admin, "late", 2);

        await().atMost(WAIT).until(() -> arrived("/late", "revision.committed", last));
        assertThat(events("/late")).containsExactly("change.approved", "revision.committed");
    }

    @Test
    void stepsNoProcessSentAndStepsPendingAcrossARestartAreAllDeliveredInOrder() {
        Path data = dir.resolve("data");
        AtomicBoolean accept = new AtomicBoolean(false);
        receiver.answer("/restart", n -> accept.get() ? 200 : 503);

        // This process records the steps but sends nothing: they exist only in the store when it stops.
        TestServer quiet =
                TestServer.start(settings(Map.of("cascade.data-dir", data, "cascade.webhook.send", "false")));
        String webhookId;
        try {
            GraphQlClient client = quiet.client();
            client.data(CREATE_NS, vars("n", "restart"));
            webhookId = createWebhook(client, "restart", "/restart", List.of("change.*", "rollout.*"))
                    .get("id")
                    .asString();
            step(quiet, "restart", "change.propose", null, Map.of("changeRequestId", "cr_4"), null);
            int applied = put(client, "restart", 1);
            step(quiet, "restart", "change.apply", applied, Map.of("changeRequestId", "cr_4"), null);
        } finally {
            quiet.close();
        }

        TestServer sender = TestServer.start(settings(Map.of("cascade.data-dir", data)));
        try {
            await().atMost(WAIT).until(() -> !receiver.requests("/restart").isEmpty());
            step(sender, "restart", "rollout.start", null, Map.of("rolloutId", "ro_4"), null);
            sender.restart();
            step(sender, "restart", "rollout.complete", null, Map.of("rolloutId", "ro_4"), null);
            accept.set(true);

            await().atMost(WAIT).until(() -> events("/restart").contains("rollout.completed"));
            List<String> arrivalOrder = receiver.requests("/restart").stream()
                    .map(request -> request.header("Cascade-Event"))
                    .distinct()
                    .toList();
            assertThat(arrivalOrder)
                    .containsExactly("change.proposed", "change.applied", "rollout.started", "rollout.completed");
            // The receiver has the last request before the sender has recorded its answer.
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode log = sender.client()
                        .data(DELIVERIES, vars("n", "restart", "w", webhookId))
                        .at("/webhookDeliveries/edges");
                assertThat(log.valueStream().map(edge -> edge.at("/node/status").asString()))
                        .containsExactly("DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED");
                assertThat(log.valueStream().map(edge -> edge.at("/node/id").asString()))
                        .doesNotHaveDuplicates();
            });
        } finally {
            sender.close();
        }
    }

    @Test
    void aWebhookStoredWithoutAnAuditCursorStartsAtTheChainsHeadAndThenSendsSteps() {
        admin.data(CREATE_NS, vars("n", "legacy"));
        String webhookId =
                createWebhook(admin, "legacy", "/legacy", null).get("id").asString();
        MongoCollection<Document> webhooks = server.bean(MongoDatabase.class).getCollection("webhooks");
        webhooks.updateOne(
                Filters.eq("_id", webhookId),
                Updates.combine(Updates.unset("auditCursor"), Updates.unset("auditRevision")));

        await().atMost(WAIT)
                .until(() -> webhooks.find(Filters.eq("_id", webhookId)).first().get("auditCursor") != null);
        int head = server.bean(AuditTrail.class).lastSequence("legacy");
        assertThat(webhooks.find(Filters.eq("_id", webhookId)).first().getInteger("auditCursor"))
                .isEqualTo(head);
        step(server, "legacy", "change.approve", null, Map.of("changeRequestId", "cr_5"), null);
        int last = put(admin, "legacy", 1);

        await().atMost(WAIT).until(() -> arrived("/legacy", "revision.committed", last));
        assertThat(events("/legacy")).containsExactly("change.approved", "revision.committed");
    }

    @Test
    void aStepNamingARevisionTheLogDoesNotHaveHoldsUpNothing() {
        admin.data(CREATE_NS, vars("n", "unknown"));
        createWebhook(admin, "unknown", "/unknown", List.of("change.*"));
        step(server, "unknown", "change.apply", 999, Map.of("changeRequestId", "cr_6"), null);
        step(server, "unknown", "change.propose", null, Map.of("changeRequestId", "cr_7"), null);

        await().atMost(WAIT).until(() -> events("/unknown").contains("change.proposed"));
        assertThat(events("/unknown")).containsExactly("change.applied", "change.proposed");
        JsonNode applied = body(receiver.requests("/unknown").get(0));
        assertThat(applied.at("/data/committedRevision").asInt()).isEqualTo(999);
        assertThat(body(receiver.requests("/unknown").get(1)).get("revision").asInt())
                .isEqualTo(1);
    }
}
