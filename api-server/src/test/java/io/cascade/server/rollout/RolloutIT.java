package io.cascade.server.rollout;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.rules.Bucketing;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Rollouts end to end against a real server, with hosts on real WebSockets. */
class RolloutIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
            "cascade.rollout.tick", "PT0.2S",
            "cascade.rollout.lease", "PT3S",
            "cascade.rollout.host-timeout", "PT1M",
            "cascade.gateway.presence-interval", "PT0.5S"));

    private static final String PUT = "mutation($ns: String!, $s: JSON!, $c: JSON!) "
            + "{ putLayer(namespace: $ns, selector: $s, content: $c) { revision } }";
    private static final String START = "mutation($ns: String!, $p: JSON!, $c: JSON, $cr: ID) "
            + "{ startRollout(namespace: $ns, plan: $p, changes: $c, changeRequestId: $cr) "
            + "{ id state baseRevision candidateRevision currentStage } }";
    private static final String ROLLOUT = "query($ns: String!, $id: ID!) { rollout(namespace: $ns, id: $id) "
            + "{ id state kind baseRevision candidateRevision currentStage abortReason rollbackRevision "
            + "stages { name targeted applied healthy } } }";
    private static final String RESOLVE = "query($ns: String!, $s: JSON!, $h: String) "
            + "{ resolveConfig(namespace: $ns, scope: $s, hostId: $h) { revision config } }";
    private static final String FLAG =
            "mutation($ns: String!, $f: JSON!) { putFlag(namespace: $ns, flag: $f) { revision } }";

    private static GraphQlClient admin() {
        return SERVER.get().client();
    }

    private static int revision(String namespace) {
        return admin().data("query($n: String!) { namespace(name: $n) { revision } }", vars("n", namespace))
                .at("/namespace/revision")
                .asInt();
    }

    private static JsonNode rollout(String namespace, String id) {
        return admin().data(ROLLOUT, vars("ns", namespace, "id", id)).get("rollout");
    }

    private static JsonNode start(String namespace, String plan, String changes) {
        return admin().data(START, vars("ns", namespace, "p", json(plan), "c", changes == null ? null : json(changes)))
                .get("startRollout");
    }

    private static void namespaceWithLimit(String namespace) {
        admin().data("mutation($n: String!) { createNamespace(name: $n) { revision } }", vars("n", namespace));
        admin().data(
                        PUT,
                        vars(
                                "ns",
                                namespace,
                                "s",
                                json("{\"environment\": \"prod\"}"),
                                "c",
                                json("{\"rateLimit\": 100}")));
    }

    private static Fleet fleet(String namespace, int size, int inFirstSite) {
        String key = SERVER.get().createKey(namespace, "SDK", "prod");
        Fleet fleet = new Fleet(namespace, SERVER.get().anonymousClient().withKey(key));
        for (int i = 0; i < size; i++) {
            String site = i < inFirstSite ? "us-east-1" : "eu-west-1";
            fleet.add(
                    SERVER.get().baseUrl(), key, namespace + "-host-" + i, Map.of("environment", "prod", "site", site));
        }
        return fleet;
    }

    private static Set<String> onCandidate(Fleet fleet, int candidate) {
        return fleet.hosts().stream()
                .filter(host -> host.revision == candidate)
                .map(host -> host.id)
                .collect(Collectors.toSet());
    }

    @Test
    void aCanaryBySiteThenPercentServesExactlyEachCohortAndCompletes() {
        namespaceWithLimit("canary");
        int base = revision("canary");
        try (Fleet fleet = fleet("canary", 20, 4)) {
            fleet.acknowledge();
            JsonNode started = start(
                    "canary",
                    "{\"stages\": [{\"name\": \"canary\", \"hosts\": {\"sites\": [\"us-east-1\"]}, \"bakeSeconds\": 1},"
                            + " {\"name\": \"half\", \"hosts\": {\"percent\": 50}, \"bakeSeconds\": 1},"
                            + " {\"name\": \"all\", \"hosts\": {\"all\": true}}],"
                            + " \"gates\": [{\"metric\": \"errorRate\", \"max\": 0.05}]}",
                    "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 200}}]");
            String id = started.get("id").asString();
            int candidate = started.get("candidateRevision").asInt();
            assertThat(started.get("baseRevision").asInt()).isEqualTo(base);
            assertThat(candidate).isEqualTo(base + 1);

            Set<String> sites = fleet.hosts().stream()
                    .filter(host -> host.site().equals("us-east-1"))
                    .map(host -> host.id)
                    .collect(Collectors.toSet());
            Set<String> half = new HashSet<>(sites);
            for (Fleet.Host host : fleet.hosts()) {
                if (Bucketing.bucket(id, host.id) < 50_000) {
                    half.add(host.id);
                }
            }
            List<Set<String>> cohorts =
                    List.of(sites, half, fleet.hosts().stream().map(h -> h.id).collect(Collectors.toSet()));

            for (int stage = 0; stage < 3; stage++) {
                Set<String> expected = cohorts.get(stage);
                int current = stage;
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    fleet.receive();
                    assertThat(rollout("canary", id).get("currentStage").asInt())
                            .isEqualTo(current);
                    assertThat(onCandidate(fleet, candidate))
                            .as("stage %s", current)
                            .isEqualTo(expected);
                });
                for (Fleet.Host host : fleet.hosts()) {
                    assertThat(host.config.get("rateLimit").asInt()).isEqualTo(expected.contains(host.id) ? 200 : 100);
                }
                if (stage < 2) {
                    Fleet.Host inside = fleet.hosts().stream()
                            .filter(h -> expected.contains(h.id))
                            .findFirst()
                            .orElseThrow();
                    Fleet.Host outside = fleet.hosts().stream()
                            .filter(h -> !expected.contains(h.id))
                            .findFirst()
                            .orElseThrow();
                    assertThat(resolve("canary", inside).get("revision").asInt())
                            .isEqualTo(candidate);
                    assertThat(resolve("canary", outside).get("revision").asInt())
                            .isEqualTo(base);
                    assertThat(admin().data(RESOLVE, vars("ns", "canary", "s", inside.scope))
                                    .at("/resolveConfig/revision")
                                    .asInt())
                            .as("a read without a host id is served the base")
                            .isEqualTo(base);
                    GraphQlClient.Response refused =
                            admin().post(PUT, vars("ns", "canary", "s", json("{}"), "c", json("{\"other\": 1}")));
                    assertThat(refused.code()).isEqualTo("ROLLOUT_IN_PROGRESS");
                    JsonNode counts = rollout("canary", id).at("/stages/" + stage);
                    assertThat(counts.get("targeted").asInt()).isEqualTo(expected.size());
                }
                fleet.acknowledge();
                for (Fleet.Host host : fleet.hosts()) {
                    fleet.report(host, 100, 0, 20);
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> assertThat(rollout("canary", id).get("state").asString())
                                    .isEqualTo("COMPLETED"));
            fleet.receive();
            assertThat(onCandidate(fleet, candidate)).hasSize(20);
            assertThat(revision("canary")).isEqualTo(candidate);
            assertThat(admin().data(RESOLVE, vars("ns", "canary", "s", Map.of("environment", "prod")))
                            .at("/resolveConfig/revision")
                            .asInt())
                    .isEqualTo(candidate);
            JsonNode stages = rollout("canary", id).get("stages");
            assertThat(stages.get(0).get("targeted").asInt()).isEqualTo(4);
            assertThat(stages.get(0).get("applied").asInt()).isEqualTo(4);
            assertThat(stages.get(2).get("targeted").asInt()).isEqualTo(20);
            assertThat(actions("canary")).contains("rollout.start", "rollout.advance", "rollout.complete");
            admin().data(PUT, vars("ns", "canary", "s", json("{}"), "c", json("{\"other\": 1}")));
        }
    }

    private static JsonNode resolve(String namespace, Fleet.Host host) {
        return admin().data(RESOLVE, vars("ns", namespace, "s", host.scope, "h", host.id))
                .get("resolveConfig");
    }

    @Test
    void aRegressionOnTheCanaryAbortsAndEveryHostConvergesToTheBase() {
        namespaceWithLimit("regress");
        try (Fleet fleet = fleet("regress", 6, 3)) {
            fleet.acknowledge();
            JsonNode started = start(
                    "regress",
                    "{\"stages\": [{\"name\": \"canary\", \"hosts\": {\"sites\": [\"us-east-1\"]}, \"bakeSeconds\": 3600},"
                            + " {\"name\": \"all\", \"hosts\": {\"all\": true}}],"
                            + " \"gates\": [{\"metric\": \"errorRate\", \"max\": 0.05, \"minRequests\": 50}]}",
                    "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 5}}]");
            String id = started.get("id").asString();
            int candidate = started.get("candidateRevision").asInt();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                fleet.receive();
                assertThat(onCandidate(fleet, candidate)).hasSize(3);
            });
            fleet.acknowledge();
            for (Fleet.Host host : fleet.hosts()) {
                if (host.revision == candidate) {
                    fleet.report(host, 40, 16, 900);
                } else {
                    fleet.report(host, 40, 0, 20);
                }
            }
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(rollout("regress", id).get("state").asString())
                                    .isEqualTo("ABORTED"));
            JsonNode aborted = rollout("regress", id);
            assertThat(aborted.get("abortReason").asString()).contains("errorRate", "0.4", "0.05", "canary");
            assertThat(aborted.get("rollbackRevision").asInt()).isEqualTo(candidate + 1);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                fleet.receive();
                for (Fleet.Host host : fleet.hosts()) {
                    assertThat(host.config.get("rateLimit").asInt()).as(host.id).isEqualTo(100);
                }
            });
            for (Fleet.Host host : fleet.hosts()) {
                assertThat(resolve("regress", host).get("revision").asInt()).isEqualTo(candidate + 1);
            }
            JsonNode audit = admin().data(
                            "query { auditLog(namespace: \"regress\", first: 50) { edges { node { action message revision } } } }")
                    .at("/auditLog/edges");
            List<String> actions = new ArrayList<>();
            String abortMessage = null;
            for (JsonNode edge : audit) {
                actions.add(edge.at("/node/action").asString());
                if ("rollout.abort".equals(edge.at("/node/action").asString())) {
                    abortMessage = edge.at("/node/message").asString();
                }
            }
            assertThat(actions).contains("rollout.start", "rollout.abort");
            assertThat(abortMessage).contains("errorRate", "0.4");
            admin().data(PUT, vars("ns", "regress", "s", json("{}"), "c", json("{\"after\": 1}")));
        }
    }

    private static List<String> actions(String namespace) {
        List<String> actions = new ArrayList<>();
        for (JsonNode edge : admin().data(
                        "query($n: String!) { auditLog(namespace: $n, first: 100) { edges { node { action } } } }",
                        vars("n", namespace))
                .at("/auditLog/edges")) {
            actions.add(edge.at("/node/action").asString());
        }
        return actions;
    }

    @Test
    void oneAlertAbortsEveryMatchingRolloutInEveryNamespaceOnceAndAResolvedAlertNothing() throws Exception {
        namespaceWithLimit("alert-a");
        namespaceWithLimit("alert-b");
        String flag = "{\"key\": \"%s\", \"type\": \"boolean\", \"variations\": {\"on\": true, \"off\": false},"
                + " \"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"off\", \"fallthrough\": {\"serve\": \"off\"}}}}";
        admin().data(FLAG, vars("ns", "alert-a", "f", json(String.format(flag, "checkout-v2"))));
        admin().data(FLAG, vars("ns", "alert-a", "f", json(String.format(flag, "fast-cart"))));
        admin().data(FLAG, vars("ns", "alert-a", "f", json(String.format(flag, "search-v2"))));
        String ramp = "{\"flag\": \"%s\", \"environment\": \"prod\", \"variation\": \"on\","
                + " \"stages\": [{\"percent\": 5, \"bakeSeconds\": 3600}, {\"percent\": 100}],"
                + " \"abortOnAlert\": {\"service\": \"%s\"}}";
        String first = start("alert-a", String.format(ramp, "checkout-v2", "checkout"), null)
                .get("id")
                .asString();
        String second = start("alert-a", String.format(ramp, "fast-cart", "checkout"), null)
                .get("id")
                .asString();
        String other = start("alert-a", String.format(ramp, "search-v2", "search"), null)
                .get("id")
                .asString();
        String third = start(
                        "alert-b",
                        "{\"stages\": [{\"hosts\": {\"percent\": 10}, \"bakeSeconds\": 3600}, {\"hosts\": {\"all\": true}}],"
                                + " \"abortOnAlert\": {\"service\": \"checkout\", \"team\": \"payments\"}}",
                        "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 7}}]")
                .get("id")
                .asString();
        JsonNode rampedFlag = admin().data("query { flag(namespace: \"alert-a\", key: \"checkout-v2\") { document } }")
                .at("/flag/document/environments/prod/fallthrough/split/0");
        assertThat(rampedFlag.get("weight").asInt()).isEqualTo(5);
        GraphQlClient.Response locked =
                admin().post(FLAG, vars("ns", "alert-a", "f", json(String.format(flag, "checkout-v2"))));
        assertThat(locked.code()).isEqualTo("ROLLOUT_IN_PROGRESS");

        String payload =
                "{\"version\": \"4\", \"status\": \"%s\", \"receiver\": \"cascade\", \"alerts\": [{\"status\": \"%s\","
                        + " \"labels\": {\"alertname\": \"HighErrorRate\", \"service\": \"checkout\", \"team\": \"payments\"},"
                        + " \"startsAt\": \"2026-12-07T10:00:00Z\"}]}";
        String key = SERVER.get().createKey(null, "ADMIN", null);
        JsonNode resolved = postAlert(key, String.format(payload, "resolved", "resolved"));
        assertThat(resolved.get("aborted")).isEmpty();
        for (String[] rollout : List.of(new String[] {"alert-a", first}, new String[] {"alert-b", third})) {
            assertThat(rollout(rollout[0], rollout[1]).get("state").asString()).isEqualTo("RUNNING");
        }

        JsonNode firing = postAlert(key, String.format(payload, "firing", "firing"));
        Set<String> ids = new HashSet<>();
        firing.get("aborted")
                .forEach(entry -> ids.add(entry.get("namespace").asString() + "/"
                        + entry.get("id").asString()));
        assertThat(ids).containsExactlyInAnyOrder("alert-a/" + first, "alert-a/" + second, "alert-b/" + third);
        assertThat(postAlert(key, String.format(payload, "firing", "firing")).get("aborted"))
                .isEmpty();

        assertThat(rollout("alert-a", other).get("state").asString()).isEqualTo("RUNNING");
        assertThat(rollout("alert-b", third).get("abortReason").asString()).contains("HighErrorRate");
        JsonNode restored = admin().data("query { flag(namespace: \"alert-a\", key: \"checkout-v2\") { document } }")
                .at("/flag/document/environments/prod/fallthrough");
        assertThat(restored.toString()).isEqualTo("{\"serve\":\"off\"}");
        assertThat(admin().data(RESOLVE, vars("ns", "alert-b", "s", Map.of("environment", "prod")))
                        .at("/resolveConfig/config/rateLimit")
                        .asInt())
                .isEqualTo(100);
        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SERVER.get().baseUrl() + "/hooks/alertmanager"))
                                .POST(HttpRequest.BodyPublishers.ofString(String.format(payload, "firing", "firing")))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static JsonNode postAlert(String key, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SERVER.get().baseUrl() + "/hooks/alertmanager"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GraphQlClient.JSON.readTree(response.body());
    }

    @Test
    void badPlansAndChangesAreRefusedWithACodeAndChangeNothing() {
        namespaceWithLimit("bad-plans");
        int before = revision("bad-plans");
        String change =
                "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 1}}]";
        String stages = "{\"stages\": [{\"hosts\": {\"all\": true}}]}";
        Object[][] rows = {
            {"{}", change, null, "BAD_USER_INPUT"},
            {"{\"stages\": []}", change, null, "BAD_USER_INPUT"},
            {"{\"stages\": [{\"hosts\": {\"percent\": 150}}]}", change, null, "BAD_USER_INPUT"},
            {"{\"stages\": [{\"hosts\": {\"sites\": []}}]}", change, null, "BAD_USER_INPUT"},
            {"{\"stages\": [{\"hosts\": {\"segment\": \"nope\"}}]}", change, null, "BAD_USER_INPUT"},
            {"{\"stages\": [{\"hosts\": {\"all\": true, \"percent\": 5}}]}", change, null, "BAD_USER_INPUT"},
            {"{\"stages\": [{\"hosts\": {\"all\": true}, \"bakeSeconds\": -1}]}", change, null, "BAD_USER_INPUT"},
            {
                "{\"stages\": [{\"hosts\": {\"all\": true}}], \"gates\": [{\"metric\": \"cpu\", \"max\": 1}]}",
                change,
                null,
                "BAD_USER_INPUT"
            },
            {
                "{\"stages\": [{\"hosts\": {\"all\": true}}], \"gates\": [{\"metric\": \"errorRate\"}]}",
                change,
                null,
                "BAD_USER_INPUT"
            },
            {"{\"stages\": [{\"hosts\": {\"all\": true}}], \"surprise\": 1}", change, null, "BAD_USER_INPUT"},
            {stages, null, null, "BAD_USER_INPUT"},
            {stages, "[]", null, "BAD_USER_INPUT"},
            {stages, "[{\"op\": \"dropTable\"}]", null, "BAD_USER_INPUT"},
            {
                stages,
                "[{\"op\": \"putLayer\", \"selector\": {\"planet\": \"mars\"}, \"content\": {}}]",
                null,
                "BAD_USER_INPUT"
            },
            {stages, "[{\"op\": \"deleteLayer\", \"selector\": {\"tenant\": \"ghost\"}}]", null, "NOT_FOUND"},
            {
                stages,
                "[{\"op\": \"putFlag\", \"flag\": {\"key\": \"x\", \"type\": \"boolean\", \"variations\": {}}}]",
                null,
                "VALIDATION_FAILED"
            },
            {stages, change, "1", "BAD_USER_INPUT"},
            {stages, null, "999", "NOT_FOUND"},
            {
                "{\"flag\": \"missing\", \"environment\": \"prod\", \"variation\": \"on\", \"stages\": [{\"percent\": 5}]}",
                null,
                null,
                "NOT_FOUND"
            },
            {
                "{\"flag\": \"missing\", \"environment\": \"prod\", \"variation\": \"on\", \"stages\": [{\"percent\": 50}, {\"percent\": 10}]}",
                null,
                null,
                "BAD_USER_INPUT"
            },
            {
                "{\"flag\": \"missing\", \"environment\": \"prod\", \"variation\": \"on\", \"stages\": [{\"percent\": 5}]}",
                change,
                null,
                "BAD_USER_INPUT"
            },
        };
        SoftAssertions soft = new SoftAssertions();
        for (Object[] row : rows) {
            GraphQlClient.Response response = admin().post(
                            START,
                            vars(
                                    "ns",
                                    "bad-plans",
                                    "p",
                                    json((String) row[0]),
                                    "c",
                                    row[1] == null ? null : json((String) row[1]),
                                    "cr",
                                    row[2]));
            soft.assertThat(response.code())
                    .as("plan %s, changes %s", row[0], row[1])
                    .isEqualTo(row[3]);
        }
        soft.assertAll();
        assertThat(revision("bad-plans")).isEqualTo(before);
        assertThat(admin().data("query { rollouts(namespace: \"bad-plans\") { edges { node { id } } } }")
                        .at("/rollouts/edges"))
                .isEmpty();
        GraphQlClient.Response badHealth = admin().post(
                        "mutation { reportHealth(namespace: \"bad-plans\", hostId: \"h-1\", revision: 1, metrics: {requests: 1, errors: 2}) }");
        assertThat(badHealth.code()).isEqualTo("BAD_USER_INPUT");
        GraphQlClient prodHost =
                SERVER.get().anonymousClient().withKey(SERVER.get().createKey("bad-plans", "SDK", "prod"));
        prodHost.data("mutation { reportApplied(namespace: \"bad-plans\", hostId: \"h-prod\","
                + " scope: {environment: \"prod\"}, revision: 1) }");
        GraphQlClient devKey =
                SERVER.get().anonymousClient().withKey(SERVER.get().createKey("bad-plans", "SDK", "dev"));
        assertThat(devKey.post("mutation { reportHealth(namespace: \"bad-plans\", hostId: \"h-prod\", revision: 1,"
                                + " metrics: {requests: 1, errors: 0}) }")
                        .code())
                .isEqualTo("FORBIDDEN");
        prodHost.data("mutation { reportHealth(namespace: \"bad-plans\", hostId: \"h-prod\", revision: 1,"
                + " metrics: {requests: 1, errors: 0}) }");
    }

    @Test
    void anApprovedChangeRequestToAProtectedEnvironmentIsRolledOutAndMarkedApplied() {
        namespaceWithLimit("governed");
        admin().data(
                        "mutation($n: String!) { putEnvironmentPolicy(namespace: $n, environment: \"prod\", "
                                + "policy: {requiredApprovals: 1}) { environment } }",
                        vars("n", "governed"));
        String plan = "{\"stages\": [{\"name\": \"all\", \"hosts\": {\"all\": true}, \"bakeSeconds\": 3600}]}";
        String change =
                "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 7}}]";
        int before = revision("governed");

        GraphQlClient.Response inline =
                admin().post(START, vars("ns", "governed", "p", json(plan), "c", json(change), "cr", null));
        assertThat(inline.code()).as(inline.body().toString()).isEqualTo("APPROVAL_REQUIRED");

        String request = admin().data(
                        "mutation($n: String!, $c: JSON!) { proposeChange(namespace: $n, title: \"limit 7\", changes: $c) { id } }",
                        vars("n", "governed", "c", json(change)))
                .at("/proposeChange/id")
                .asString();
        GraphQlClient.Response unapproved =
                admin().post(START, vars("ns", "governed", "p", json(plan), "c", null, "cr", request));
        assertThat(unapproved.code()).as(unapproved.body().toString()).isEqualTo("APPROVAL_REQUIRED");
        assertThat(revision("governed")).as("nothing committed").isEqualTo(before);

        GraphQlClient approver = SERVER.get().clientWith("governed", "APPROVER");
        approver.data(
                "mutation($n: String!, $id: ID!) { approveChange(namespace: $n, id: $id) { state } }",
                vars("n", "governed", "id", request));
        JsonNode started = admin().data(START, vars("ns", "governed", "p", json(plan), "c", null, "cr", request))
                .get("startRollout");

        assertThat(started.get("state").asString()).isEqualTo("RUNNING");
        int candidate = started.get("candidateRevision").asInt();
        assertThat(candidate).isEqualTo(before + 1);
        JsonNode applied = admin().data(
                        "query($n: String!, $id: ID!) { changeRequest(namespace: $n, id: $id) { state appliedRevision } }",
                        vars("n", "governed", "id", request))
                .get("changeRequest");
        assertThat(applied.get("state").asString()).isEqualTo("APPLIED");
        assertThat(applied.get("appliedRevision").asInt()).isEqualTo(candidate);
        assertThat(resolveAt("governed", candidate).at("/config/rateLimit").asInt())
                .isEqualTo(7);
    }

    private static JsonNode resolveAt(String namespace, int revision) {
        return admin().data(
                        "query($ns: String!, $r: Int) { resolveConfig(namespace: $ns, scope: {environment: \"prod\"}, "
                                + "asOfRevision: $r) { revision config } }",
                        vars("ns", namespace, "r", revision))
                .get("resolveConfig");
    }

    @Test
    void pauseResumeAdvanceAndAbortByTheOperator() {
        namespaceWithLimit("controls");
        JsonNode started = start(
                "controls",
                "{\"stages\": [{\"name\": \"one\", \"hosts\": {\"percent\": 1}, \"bakeSeconds\": 3600},"
                        + " {\"name\": \"two\", \"hosts\": {\"all\": true}, \"bakeSeconds\": 3600}]}",
                "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 3}}]");
        String id = started.get("id").asString();
        String ids = "mutation($ns: String!, $id: ID!) { %s(namespace: $ns, id: $id) { state currentStage } }";
        assertThat(admin().data(String.format(ids, "pauseRollout"), vars("ns", "controls", "id", id))
                        .at("/pauseRollout/state")
                        .asString())
                .isEqualTo("PAUSED");
        GraphQlClient.Response again =
                admin().post(String.format(ids, "pauseRollout"), vars("ns", "controls", "id", id));
        assertThat(again.code()).as(again.body().toString()).isEqualTo("CONFLICT");
        assertThat(admin().data(String.format(ids, "resumeRollout"), vars("ns", "controls", "id", id))
                        .at("/resumeRollout/state")
                        .asString())
                .isEqualTo("RUNNING");
        assertThat(admin().data(String.format(ids, "advanceRollout"), vars("ns", "controls", "id", id))
                        .at("/advanceRollout/currentStage")
                        .asInt())
                .isEqualTo(1);
        JsonNode aborted = admin().data(
                        "mutation($ns: String!, $id: ID!) { abortRollout(namespace: $ns, id: $id, reason: \"operator says no\") "
                                + "{ state abortReason rollbackRevision } }",
                        vars("ns", "controls", "id", id))
                .get("abortRollout");
        assertThat(aborted.get("state").asString()).isEqualTo("ABORTED");
        assertThat(aborted.get("abortReason").asString()).isEqualTo("operator says no");
        assertThat(aborted.get("rollbackRevision").asInt())
                .isEqualTo(started.get("candidateRevision").asInt() + 1);
        assertThat(admin().post(
                                "mutation($ns: String!, $id: ID!) { abortRollout(namespace: $ns, id: $id, reason: \"again\") { state } }",
                                vars("ns", "controls", "id", id))
                        .code())
                .isEqualTo("CONFLICT");
        assertThat(actions("controls"))
                .contains("rollout.start", "rollout.pause", "rollout.resume", "rollout.advance", "rollout.abort");
    }

    @Test
    void operatorsAbortingTheSameRolloutAtOnceCommitOneRollback() throws Exception {
        namespaceWithLimit("abort-race");
        JsonNode started = start(
                "abort-race",
                "{\"stages\": [{\"name\": \"all\", \"hosts\": {\"all\": true}, \"bakeSeconds\": 3600}]}",
                "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 7}}]");
        String id = started.get("id").asString();
        int candidate = started.get("candidateRevision").asInt();
        String abort = "mutation($ns: String!, $id: ID!) { abortRollout(namespace: $ns, id: $id, reason: \"no\") "
                + "{ state rollbackRevision } }";
        int operators = 8;
        CyclicBarrier together = new CyclicBarrier(operators);
        ExecutorService pool = Executors.newFixedThreadPool(operators);
        try {
            List<Future<GraphQlClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < operators; i++) {
                answers.add(pool.submit(() -> {
                    together.await();
                    return admin().post(abort, vars("ns", "abort-race", "id", id));
                }));
            }
            for (Future<GraphQlClient.Response> answer : answers) {
                GraphQlClient.Response response = answer.get(30, TimeUnit.SECONDS);
                if (response.code() == null) {
                    assertThat(response.body()
                                    .at("/data/abortRollout/rollbackRevision")
                                    .asInt())
                            .isEqualTo(candidate + 1);
                } else {
                    assertThat(response.code()).as(response.body().toString()).isEqualTo("CONFLICT");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rollout("abort-race", id).get("rollbackRevision").asInt()).isEqualTo(candidate + 1);
        assertThat(revision("abort-race")).isEqualTo(candidate + 1);
    }

    @Test
    void flagsChangedByAConfigRolloutAreEvaluatedAsEachHostRunsThem() {
        namespaceWithLimit("flag-cohort");
        String flag = "{\"key\": \"checkout\", \"type\": \"boolean\", \"variations\": {\"on\": true, \"off\": false},"
                + " \"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"off\", \"fallthrough\": {\"serve\": \"%s\"}}}}";
        admin().data(FLAG, vars("ns", "flag-cohort", "f", json(String.format(flag, "off"))));
        start(
                "flag-cohort",
                "{\"stages\": [{\"hosts\": {\"sites\": [\"us-east-1\"]}, \"bakeSeconds\": 3600}, {\"hosts\": {\"all\": true}}]}",
                "[{\"op\": \"putFlag\", \"flag\": " + String.format(flag, "on") + "}]");
        String evaluate = "query($h: String) { evaluateFlags(namespace: \"flag-cohort\", environment: \"prod\","
                + " context: {targetingKey: \"u-1\"}, hostId: $h) { key value } }";
        assertThat(admin().data(evaluate, vars("h", null))
                        .at("/evaluateFlags/0/value")
                        .asBoolean())
                .as("a read without a host id is served the base")
                .isFalse();
        assertThat(admin().data(evaluate, vars("h", "any-host"))
                        .at("/evaluateFlags/0/value")
                        .asBoolean())
                .as("flag subscribers and readers have no site: outside a site cohort")
                .isFalse();
    }

    @Test
    void aFlagOnlyHostThatSendsItsScopeIsInASiteCohortAndOneThatSendsNoneIsNot() {
        namespaceWithLimit("flag-site");
        String flag = "{\"key\": \"checkout\", \"type\": \"boolean\", \"variations\": {\"on\": true, \"off\": false},"
                + " \"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"off\", \"fallthrough\": {\"serve\": \"%s\"}}}}";
        admin().data(FLAG, vars("ns", "flag-site", "f", json(String.format(flag, "off"))));
        int base = revision("flag-site");
        int candidate = start(
                        "flag-site",
                        "{\"stages\": [{\"hosts\": {\"sites\": [\"us-east-1\"]}, \"bakeSeconds\": 3600}, {\"hosts\": {\"all\": true}}]}",
                        "[{\"op\": \"putFlag\", \"flag\": " + String.format(flag, "on") + "}]")
                .get("candidateRevision")
                .asInt();
        String subscription = "subscription($h: String, $s: JSON) { flagsChanged(namespace: \"flag-site\","
                + " environment: \"prod\", hostId: $h, scope: $s) { revision flags } }";
        String key = SERVER.get().createKey("flag-site", "SDK", "prod");
        try (WsClient hosts = WsClient.connect(SERVER.get().baseUrl(), key)) {
            Map<String, Object> inSite = new HashMap<>();
            inSite.put("h", "flags-east");
            inSite.put("s", Map.of("site", "us-east-1"));
            hosts.subscribe("east", subscription, inSite);
            hosts.subscribe(
                    "west",
                    subscription,
                    Map.of("h", "flags-west", "s", Map.of("environment", "prod", "site", "eu-west-1")));
            Map<String, Object> noScope = new HashMap<>();
            noScope.put("h", "flags-only");
            noScope.put("s", null);
            hosts.subscribe("none", subscription, noScope);
            hosts.subscribe("bad", subscription, Map.of("h", "flags-bad", "s", Map.of("environment", "dev")));

            JsonNode east = hosts.next("east", 10).at("/payload/data/flagsChanged");
            assertThat(east.get("revision").asInt()).isEqualTo(candidate);
            assertThat(east.at("/flags/0/environments/prod/fallthrough/serve").asString())
                    .isEqualTo("on");
            assertThat(hosts.next("west", 10)
                            .at("/payload/data/flagsChanged/revision")
                            .asInt())
                    .isEqualTo(base);
            assertThat(hosts.next("none", 10)
                            .at("/payload/data/flagsChanged/revision")
                            .asInt())
                    .as("without a scope the host has no site")
                    .isEqualTo(base);
            assertThat(hosts.next("bad", 10)
                            .at("/payload/errors/0/extensions/code")
                            .asString())
                    .isEqualTo("BAD_USER_INPUT");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode registered = null;
                for (JsonNode edge : admin().data(
                                "{ hosts(namespace: \"flag-site\") { edges { node { hostId scope } } } }")
                        .at("/hosts/edges")) {
                    if (edge.at("/node/hostId").asString().equals("flags-east")) {
                        registered = edge.at("/node/scope");
                    }
                }
                assertThat(registered).as("flags-east in hosts").isNotNull();
                assertThat(registered.path("site").asString()).isEqualTo("us-east-1");
                assertThat(registered.path("environment").asString()).isEqualTo("prod");
            });
        }
        String poll = "query($h: String, $s: JSON) { flagSnapshot(namespace: \"flag-site\", environment: \"prod\","
                + " hostId: $h, scope: $s) { revision } }";
        assertThat(admin().data(poll, vars("h", "flags-east", "s", Map.of("site", "us-east-1")))
                        .at("/flagSnapshot/revision")
                        .asInt())
                .isEqualTo(candidate);
        assertThat(admin().data(poll, vars("h", "flags-east", "s", null))
                        .at("/flagSnapshot/revision")
                        .asInt())
                .as("a poll without a scope has no site")
                .isEqualTo(base);
        GraphQlClient.Response refused = admin().post(poll, vars("h", "flags-east", "s", Map.of("environment", "dev")));
        assertThat(refused.code()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void aCompletedRolloutIsRolledBackByAMatchingAlertWithinItsWindowOnly() throws Exception {
        namespaceWithLimit("window");
        String plan = "{\"stages\": [{\"hosts\": {\"all\": true}}], \"abortOnAlert\": {\"service\": \"window\"},"
                + " \"rollbackWindowSeconds\": %d}";
        String change =
                "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": %d}}]";
        String windowed = start("window", String.format(plan, 3600), String.format(change, 300))
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                rollout("window", windowed).get("state").asString())
                        .isEqualTo("COMPLETED"));
        int completedAt = revision("window");

        String key = SERVER.get().createKey("window", "EDITOR", null);
        String payload = "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [{\"status\": \"firing\","
                + " \"labels\": {\"alertname\": \"Late\", \"service\": \"window\"}}]}";
        JsonNode aborted = postAlert(key, payload);
        assertThat(aborted.get("aborted").get(0).get("id").asString()).isEqualTo(windowed);
        JsonNode rolledBack = rollout("window", windowed);
        assertThat(rolledBack.get("state").asString()).isEqualTo("ABORTED");
        assertThat(rolledBack.get("rollbackRevision").asInt()).isEqualTo(completedAt + 1);
        assertThat(admin().data(RESOLVE, vars("ns", "window", "s", Map.of("environment", "prod")))
                        .at("/resolveConfig/config/rateLimit")
                        .asInt())
                .isEqualTo(100);

        String unwindowed = start("window", String.format(plan, 0), String.format(change, 400))
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                rollout("window", unwindowed).get("state").asString())
                        .isEqualTo("COMPLETED"));
        assertThat(postAlert(key, payload).get("aborted")).isEmpty();
        assertThat(rollout("window", unwindowed).get("state").asString()).isEqualTo("COMPLETED");
    }
}
