package io.cascade.server.api;

import static io.cascade.server.api.ConfigApiIT.CREATE;
import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.flag.EvaluationResult;
import io.cascade.evaluator.flag.FlagEvaluator;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.flag.FlagSetResult;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.GraphQlClient.Response;
import io.cascade.testsupport.ServerExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Flags and segments through the API: revisions, validation, evaluation, and parity with the engine. */
class FlagApiIT {

    static final String PUT_FLAG =
            "mutation($n: String!, $f: JSON!, $e: Int, $m: String) { putFlag(namespace: $n, flag: $f, expectedRevision: $e, message: $m) { revision } }";
    static final String PUT_SEGMENT =
            "mutation($n: String!, $s: JSON!) { putSegment(namespace: $n, segment: $s) { revision } }";
    static final String EVALUATE_ALL =
            "query($n: String!, $env: String!, $c: JSON!) { evaluateFlags(namespace: $n, environment: $env, context: $c) { key value variation reason errorCode ruleId inExperiment } }";
    static final String EVALUATE =
            "query($n: String!, $env: String!, $k: String!, $c: JSON!) { evaluateFlag(namespace: $n, environment: $env, key: $k, context: $c) { key value variation reason errorCode ruleId message inExperiment } }";

    static final String CHECKOUT = """
        { "key": "new-checkout", "type": "boolean",
          "variations": { "on": true, "off": false },
          "environments": {
            "prod": {
              "enabled": true, "offVariation": "off",
              "targets": { "on": ["user-1", "user-2"] },
              "rules": [
                { "id": "beta", "when": "tenant in segment(\\"beta-tenants\\")", "serve": "on" },
                { "id": "us", "when": "country == \\"US\\"",
                  "split": [ { "serve": "on", "weight": 25 }, { "serve": "off", "weight": 75 } ], "experiment": true } ],
              "fallthrough": { "serve": "off" } },
            "staging": { "enabled": false, "offVariation": "off", "fallthrough": { "serve": "on" } } } }
        """;
    static final String BETA =
            "{\"key\": \"beta-tenants\", \"included\": [\"acme\", \"globex\"], \"excluded\": [\"initech\"], \"when\": \"plan == \\\"enterprise\\\"\"}";

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static GraphQlClient admin;

    @BeforeAll
    static void start() {
        admin = SERVER.get().client();
    }

    static String namespaceWithCheckout() {
        String ns = "flags-" + NAMES.incrementAndGet();
        admin.data(CREATE, vars("n", ns));
        admin.data(PUT_SEGMENT, vars("n", ns, "s", json(BETA)));
        admin.data(PUT_FLAG, vars("n", ns, "f", json(CHECKOUT)));
        return ns;
    }

    static JsonNode evaluate(String ns, String env, String key, String context) {
        return admin.data(EVALUATE, vars("n", ns, "env", env, "k", key, "c", json(context)))
                .get("evaluateFlag");
    }

    @Nested
    class Evaluation {

        @Test
        void everyReasonComesThroughTheApi() {
            String ns = namespaceWithCheckout();

            assertThat(evaluate(ns, "staging", "new-checkout", "{\"targetingKey\": \"u\"}")
                            .get("reason")
                            .asString())
                    .isEqualTo("DISABLED");
            JsonNode target = evaluate(ns, "prod", "new-checkout", "{\"targetingKey\": \"user-1\"}");
            assertThat(target.get("reason").asString()).isEqualTo("TARGETING_MATCH");
            assertThat(target.get("value").asBoolean()).isTrue();
            JsonNode beta = evaluate(ns, "prod", "new-checkout", "{\"targetingKey\": \"u9\", \"tenant\": \"acme\"}");
            assertThat(beta.get("ruleId").asString()).isEqualTo("beta");
            JsonNode split = evaluate(ns, "prod", "new-checkout", "{\"targetingKey\": \"u9\", \"country\": \"US\"}");
            assertThat(split.get("reason").asString()).isEqualTo("SPLIT");
            assertThat(split.get("inExperiment").asBoolean()).isTrue();
            assertThat(evaluate(ns, "prod", "new-checkout", "{\"targetingKey\": \"u9\"}")
                            .get("reason")
                            .asString())
                    .isEqualTo("DEFAULT");
            JsonNode missing = evaluate(ns, "prod", "no-such-flag", "{\"targetingKey\": \"u9\"}");
            assertThat(missing.get("reason").asString()).isEqualTo("ERROR");
            assertThat(missing.get("errorCode").asString()).isEqualTo("FLAG_NOT_FOUND");
            JsonNode noKey = evaluate(ns, "prod", "new-checkout", "{\"country\": \"US\"}");
            assertThat(noKey.get("errorCode").asString()).isEqualTo("TARGETING_KEY_MISSING");
        }

        @Test
        void segmentsIncludeExcludeAndMatchByCondition() {
            String ns = namespaceWithCheckout();

            assertThat(evaluate(
                                    ns,
                                    "prod",
                                    "new-checkout",
                                    "{\"targetingKey\": \"u\", \"tenant\": \"initech\", \"plan\": \"enterprise\"}")
                            .get("ruleId")
                            .isNull())
                    .isTrue();
            assertThat(evaluate(
                                    ns,
                                    "prod",
                                    "new-checkout",
                                    "{\"targetingKey\": \"u\", \"tenant\": \"hooli\", \"plan\": \"enterprise\"}")
                            .get("ruleId")
                            .asString())
                    .isEqualTo("beta");
        }

        @Test
        void evaluateFlagsAnswersEveryFlagOfTheEnvironment() {
            String ns = namespaceWithCheckout();
            admin.data(
                    PUT_FLAG,
                    vars(
                            "n",
                            ns,
                            "f",
                            json(
                                    "{\"key\": \"banner\", \"type\": \"string\", \"variations\": {\"a\": \"hello\"}, "
                                            + "\"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"a\", \"fallthrough\": {\"serve\": \"a\"}}}}")));

            JsonNode all = admin.data(
                            EVALUATE_ALL, vars("n", ns, "env", "prod", "c", json("{\"targetingKey\": \"u\"}")))
                    .get("evaluateFlags");

            assertThat(all.valueStream().map(e -> e.get("key").asString()))
                    .containsExactlyInAnyOrder("banner", "new-checkout");
        }

        @Test
        void aContextThatIsNotAnObjectIsRefused() {
            String ns = namespaceWithCheckout();

            assertThat(admin.post(EVALUATE_ALL, vars("n", ns, "env", "prod", "c", List.of(1)))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
        }

        /** A costly pattern against a 60 000-character attribute took 36 s; now the context is refused at once. */
        @Test
        void anAttributeLongerThanTheLimitGivesAnErrorReasonForEveryFlag() {
            String ns = namespaceWithCheckout();
            String context = "{\"targetingKey\": \"u1\", \"country\": \"" + "U".repeat(60_000) + "\"}";

            JsonNode results = admin.data(EVALUATE_ALL, vars("n", ns, "env", "prod", "c", json(context)))
                    .get("evaluateFlags");

            assertThat(results).isNotEmpty().allSatisfy(result -> {
                assertThat(result.get("reason").asString()).isEqualTo("ERROR");
                assertThat(result.get("errorCode").asString()).isEqualTo("INVALID_CONTEXT");
            });
        }

        /** The server and the engine, given the same documents and contexts, give the same answers. */
        @Test
        void theApiAndTheEngineAgreeOnTenThousandRandomContexts() {
            String ns = namespaceWithCheckout();
            String plans =
                    "{\"key\": \"plans\", \"type\": \"string\", \"variations\": {\"a\": \"A\", \"b\": \"B\", \"c\": \"C\"}, "
                            + "\"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"a\", \"rules\": ["
                            + "{\"id\": \"big\", \"when\": \"seats >= 100 and plan in [\\\"pro\\\", \\\"enterprise\\\"]\", \"serve\": \"c\"},"
                            + "{\"id\": \"eu\", \"when\": \"not (region matches \\\"^eu-\\\")\", \"split\": [{\"serve\": \"a\", \"weight\": 33.333}, {\"serve\": \"b\", \"weight\": 66.667}]}],"
                            + "\"fallthrough\": {\"split\": [{\"serve\": \"b\", \"weight\": 50}, {\"serve\": \"c\", \"weight\": 50}]}}}}";
            admin.data(PUT_FLAG, vars("n", ns, "f", json(plans)));
            FlagSetResult local = FlagSet.compile(List.of(json(CHECKOUT), json(plans)), List.of(json(BETA)));
            assertThat(local.ok()).isTrue();
            FlagEvaluator evaluator = FlagEvaluator.create();
            Random random = new Random(20261125);
            int perRequest = 40;
            int compared = 0;
            for (int request = 0; request < 10_000 / perRequest; request++) {
                List<Map<String, Object>> contexts = new ArrayList<>();
                StringBuilder query = new StringBuilder("query(");
                StringBuilder body = new StringBuilder();
                Map<String, Object> variables = new HashMap<>();
                variables.put("n", ns);
                for (int i = 0; i < perRequest; i++) {
                    Map<String, Object> context = randomContext(random);
                    contexts.add(context);
                    query.append(i == 0 ? "" : ", ").append("$c").append(i).append(": JSON!");
                    body.append(" e")
                            .append(i)
                            .append(": evaluateFlags(namespace: $n, environment: \"prod\", context: $c")
                            .append(i)
                            .append(") { key value variation reason errorCode ruleId }");
                    variables.put("c" + i, context);
                }
                JsonNode data = admin.data(query + ", $n: String!) {" + body + " }", variables);
                for (int i = 0; i < perRequest; i++) {
                    Map<String, EvaluationResult<Object>> expected =
                            evaluator.evaluateAll(local.flagSet(), "prod", EvaluationContext.of(contexts.get(i)));
                    for (JsonNode actual : data.get("e" + i)) {
                        EvaluationResult<?> want =
                                expected.get(actual.get("key").asString());
                        String where = "context " + contexts.get(i) + " flag "
                                + actual.get("key").asString();
                        assertThat(actual.get("reason").asString())
                                .as(where)
                                .isEqualTo(want.reason().name());
                        assertThat(actual.get("variation").asString(null))
                                .as(where)
                                .isEqualTo(want.variation().orElse(null));
                        assertThat(actual.get("ruleId").asString(null))
                                .as(where)
                                .isEqualTo(want.ruleId().orElse(null));
                        assertThat(actual.get("errorCode").asString(null))
                                .as(where)
                                .isEqualTo(want.errorCode().map(Enum::name).orElse(null));
                        assertThat(actual.get("value").toString())
                                .as(where)
                                .isEqualTo(GraphQlClient.JSON.writeValueAsString(want.value()));
                    }
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(10_000);
        }

        private static Map<String, Object> randomContext(Random random) {
            Map<String, Object> context = new LinkedHashMap<>();
            if (random.nextInt(20) != 0) {
                context.put(
                        "targetingKey",
                        random.nextInt(10) == 0 ? "user-" + random.nextInt(3) : "k" + random.nextInt(1_000_000));
            }
            String[] countries = {"US", "CA", "DE", "FR"};
            String[] tenants = {"acme", "globex", "initech", "hooli", "umbrella"};
            String[] plans = {"free", "pro", "enterprise"};
            String[] regions = {"eu-west-1", "us-east-1", "ap-south-1"};
            if (random.nextBoolean()) {
                context.put("country", countries[random.nextInt(countries.length)]);
            }
            if (random.nextBoolean()) {
                context.put("tenant", tenants[random.nextInt(tenants.length)]);
            }
            if (random.nextBoolean()) {
                context.put("plan", plans[random.nextInt(plans.length)]);
            }
            if (random.nextBoolean()) {
                context.put("region", regions[random.nextInt(regions.length)]);
            }
            if (random.nextBoolean()) {
                context.put("seats", random.nextInt(4) == 0 ? "many" : random.nextInt(300));
            }
            return context;
        }
    }

    @Nested
    class Writes {

        @Test
        void flagsAndSegmentsAreRevisionsThatCanBeDiffedAndRestored() {
            String ns = namespaceWithCheckout();
            String off = CHECKOUT.replace("\"enabled\": true", "\"enabled\": false");
            int changed = admin.data(PUT_FLAG, vars("n", ns, "f", json(off), "m", "switch off"))
                    .at("/putFlag/revision")
                    .asInt();

            JsonNode diff = admin.data(
                            "query($n: String!) { diff(namespace: $n, fromRevision: 3) { flags { key kind changes { path oldValue newValue } } } }",
                            vars("n", ns))
                    .at("/diff/flags/0");
            assertThat(changed).isEqualTo(4);
            assertThat(diff.get("key").asString()).isEqualTo("new-checkout");
            assertThat(diff.at("/changes/0/path").asString()).isEqualTo("/environments/prod/enabled");

            admin.data(
                    "mutation($n: String!) { restoreRevision(namespace: $n, revision: 2) { revision } }",
                    vars("n", ns));

            assertThat(admin.data("query($n: String!) { flags(namespace: $n) { key } }", vars("n", ns))
                            .get("flags"))
                    .isEmpty();
            assertThat(admin.data(
                                    "query($n: String!) { flag(namespace: $n, key: \"new-checkout\", asOfRevision: 4) { revision document } }",
                                    vars("n", ns))
                            .at("/flag/document/environments/prod/enabled")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        void aRuleThatDoesNotCompileIsRefusedWithItsPosition() {
            String ns = namespaceWithCheckout();
            String broken = CHECKOUT.replace("country == \\\"US\\\"", "country == ");

            Response response = admin.post(PUT_FLAG, vars("n", ns, "f", json(broken)));

            assertThat(response.code()).isEqualTo("DSL_SYNTAX_ERROR");
            JsonNode violation = response.firstError().at("/extensions/violations/0");
            assertThat(violation.get("path").asString()).isEqualTo("/environments/prod/rules/1/when");
            assertThat(violation.get("message").asString()).startsWith("1:");
            assertThat(revision(ns)).isEqualTo(3);
        }

        @Test
        void aRegexWhoseProgramIsTooLargeIsRefusedWithItsPosition() {
            String ns = namespaceWithCheckout();
            String costly =
                    CHECKOUT.replace("country == \\\"US\\\"", "country matches \\\"(\\\\\\\\w{1000}){1000}\\\"");

            Response response = admin.post(PUT_FLAG, vars("n", ns, "f", json(costly)));

            assertThat(response.code()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(response.firstError().at("/extensions/limit").asString()).isEqualTo("rule");
            JsonNode violation = response.firstError().at("/extensions/violations/0");
            assertThat(violation.get("path").asString()).isEqualTo("/environments/prod/rules/1/when");
            assertThat(violation.get("code").asString()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(violation.get("message").asString())
                    .startsWith("1:17: regular expression compiles to about")
                    .endsWith("(maxRegexProgramSize)");
            assertThat(revision(ns)).isEqualTo(3);
        }

        @Test
        void badDocumentsAreRefusedWithEveryProblem() {
            String ns = namespaceWithCheckout();
            String bad = CHECKOUT.replace(
                            "\"fallthrough\": { \"serve\": \"off\" }", "\"fallthrough\": { \"serve\": \"maybe\" }")
                    .replace("\"weight\": 75", "\"weight\": 70");

            Response response = admin.post(PUT_FLAG, vars("n", ns, "f", json(bad)));

            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.firstError()
                            .at("/extensions/violations")
                            .valueStream()
                            .map(v -> v.get("code").asString()))
                    .contains("UNKNOWN_VARIATION", "WEIGHTS_NOT_100");
            assertThat(admin.post(PUT_FLAG, vars("n", ns, "f", json("{\"key\": \"Bad Key\"}")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(admin.post(PUT_FLAG, vars("n", ns, "f", List.of())).code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(revision(ns)).isEqualTo(3);
        }

        @Test
        void aFlagCannotUseASegmentThatDoesNotExistAndAUsedSegmentCannotBeDeleted() {
            String ns = "flags-" + NAMES.incrementAndGet();
            admin.data(CREATE, vars("n", ns));

            assertThat(admin.post(PUT_FLAG, vars("n", ns, "f", json(CHECKOUT))).code())
                    .isEqualTo("VALIDATION_FAILED");
            admin.data(PUT_SEGMENT, vars("n", ns, "s", json(BETA)));
            admin.data(PUT_FLAG, vars("n", ns, "f", json(CHECKOUT)));
            Response delete = admin.post(
                    "mutation($n: String!) { deleteSegment(namespace: $n, key: \"beta-tenants\") { revision } }",
                    vars("n", ns));
            assertThat(delete.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(delete.firstError().at("/extensions/violations/0/code").asString())
                    .isEqualTo("SEGMENT_IN_USE");
        }

        @Test
        void archivingHidesAFlagFromEvaluateFlagsButKeepsItEvaluable() {
            String ns = namespaceWithCheckout();

            admin.data(
                    "mutation($n: String!) { archiveFlag(namespace: $n, key: \"new-checkout\") { revision } }",
                    vars("n", ns));

            assertThat(admin.data(EVALUATE_ALL, vars("n", ns, "env", "prod", "c", json("{\"targetingKey\": \"u\"}")))
                            .get("evaluateFlags"))
                    .isEmpty();
            assertThat(evaluate(ns, "prod", "new-checkout", "{\"targetingKey\": \"user-1\"}")
                            .get("value")
                            .asBoolean())
                    .isTrue();
            assertThat(admin.data(
                                    "query($n: String!) { flags(namespace: $n, includeArchived: true) { key archived } }",
                                    vars("n", ns))
                            .at("/flags/0/archived")
                            .asBoolean())
                    .isTrue();
            assertThat(admin.post(
                                    "mutation($n: String!) { archiveFlag(namespace: $n, key: \"nope\") { revision } }",
                                    vars("n", ns))
                            .code())
                    .isEqualTo("NOT_FOUND");
        }

        @Test
        void aStaleExpectedRevisionIsAConflict() {
            String ns = namespaceWithCheckout();

            assertThat(admin.post(PUT_FLAG, vars("n", ns, "f", json(CHECKOUT), "e", 2))
                            .code())
                    .isEqualTo("CONFLICT");
        }

        @Test
        void flagWritesAreAudited() {
            String ns = namespaceWithCheckout();

            JsonNode entry = admin.data(
                            "query($n: String!) { auditLog(namespace: $n, first: 1) { edges { node { action target after } } } }",
                            vars("n", ns))
                    .at("/auditLog/edges/0/node");

            assertThat(entry.get("action").asString()).isEqualTo("flag.put");
            assertThat(entry.at("/target/flag").asString()).isEqualTo("new-checkout");
            assertThat(entry.at("/after/key").asString()).isEqualTo("new-checkout");
        }
    }

    @Nested
    class Access {

        @Test
        void anSdkKeyEvaluatesOnlyItsEnvironment() {
            String ns = namespaceWithCheckout();
            GraphQlClient sdk = sdkKey(ns, "prod");

            assertThat(sdk.post(EVALUATE_ALL, vars("n", ns, "env", "prod", "c", json("{\"targetingKey\": \"u\"}")))
                            .code())
                    .isNull();
            assertThat(sdk.post(EVALUATE_ALL, vars("n", ns, "env", "staging", "c", json("{\"targetingKey\": \"u\"}")))
                            .code())
                    .isEqualTo("FORBIDDEN");
            assertThat(sdk.post("query($n: String!) { flags(namespace: $n) { key } }", vars("n", ns))
                            .code())
                    .isEqualTo("FORBIDDEN");
            assertThat(sdk.post(PUT_FLAG, vars("n", ns, "f", json(CHECKOUT))).code())
                    .isEqualTo("FORBIDDEN");
        }

        @Test
        void aViewerReadsFlagsButCannotChangeThem() {
            String ns = namespaceWithCheckout();
            GraphQlClient viewer = SecurityITKeys.key(SERVER.get(), admin, ns, "VIEWER", "viewer");

            assertThat(viewer.post("query($n: String!) { flags(namespace: $n) { key } }", vars("n", ns))
                            .code())
                    .isNull();
            assertThat(viewer.post(PUT_FLAG, vars("n", ns, "f", json(CHECKOUT))).code())
                    .isEqualTo("FORBIDDEN");
            assertThat(viewer.post(PUT_SEGMENT, vars("n", ns, "s", json(BETA))).code())
                    .isEqualTo("FORBIDDEN");
        }

        private GraphQlClient sdkKey(String ns, String environment) {
            String secret = admin.data(SecurityIT.CREATE_KEY, vars("n", ns, "r", "SDK", "e", environment))
                    .at("/createApiKey/secret")
                    .asString();
            return SERVER.get().anonymousClient().withKey(secret);
        }
    }

    @Test
    void declaredAttributesTypeCheckEveryRule() {
        String ns = namespaceWithCheckout();
        String declare =
                "mutation($n: String!, $a: JSON!) { putAttributes(namespace: $n, attributes: $a) { revision } }";

        Response tooFew = admin.post(declare, vars("n", ns, "a", json("{\"country\": \"string\"}")));
        assertThat(tooFew.code()).isEqualTo("DSL_SYNTAX_ERROR");
        assertThat(tooFew.firstError().at("/extensions/violations/0/code").asString())
                .isEqualTo("DSL_TYPE_ERROR");
        assertThat(revision(ns)).isEqualTo(3);

        admin.data(
                declare,
                vars("n", ns, "a", json("{\"country\": \"string\", \"tenant\": \"string\", \"plan\": \"string\"}")));

        assertThat(admin.data("query($n: String!) { namespace(name: $n) { attributes } }", vars("n", ns))
                        .at("/namespace/attributes/tenant")
                        .asString())
                .isEqualTo("string");
        Response wrongType = admin.post(
                PUT_FLAG, vars("n", ns, "f", json(CHECKOUT.replace("country == \\\"US\\\"", "country > 5"))));
        assertThat(wrongType.code()).isEqualTo("DSL_SYNTAX_ERROR");
        JsonNode check = admin.data(
                        "query($n: String!, $s: String!) { checkRule(namespace: $n, source: $s) { valid diagnostics { code } } }",
                        vars("n", ns, "s", "seats > 5"))
                .get("checkRule");
        assertThat(check.at("/diagnostics/0/code").asString()).isEqualTo("DSL_TYPE_ERROR");
        GraphQlClient editor = SecurityITKeys.key(SERVER.get(), admin, ns, "EDITOR", "editor");
        assertThat(editor.post(declare, vars("n", ns, "a", json("{}"))).code()).isEqualTo("FORBIDDEN");
        assertThat(admin.post(declare, vars("n", ns, "a", json("{\"x\": \"colour\"}")))
                        .code())
                .isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void checkRuleReportsDiagnosticsWithACaret() {
        String ns = namespaceWithCheckout();

        JsonNode bad = admin.data(
                        "query($n: String!, $s: String!) { checkRule(namespace: $n, source: $s) { valid diagnostics { code line column rendered } } }",
                        vars("n", ns, "s", "plan == \"pro\" and seats >"))
                .get("checkRule");
        JsonNode unknown = admin.data(
                        "query($n: String!, $s: String!) { checkRule(namespace: $n, source: $s) { valid diagnostics { code } } }",
                        vars("n", ns, "s", "tenant in segment(\"nope\")"))
                .get("checkRule");
        JsonNode good = admin.data(
                        "query($n: String!, $s: String!) { checkRule(namespace: $n, source: $s) { valid } }",
                        vars("n", ns, "s", "tenant in segment(\"beta-tenants\")"))
                .get("checkRule");

        assertThat(bad.get("valid").asBoolean()).isFalse();
        assertThat(bad.at("/diagnostics/0/code").asString()).isEqualTo("DSL_SYNTAX_ERROR");
        assertThat(bad.at("/diagnostics/0/rendered").asString()).contains("^");
        assertThat(unknown.at("/diagnostics/0/code").asString()).isEqualTo("UNKNOWN_SEGMENT");
        assertThat(good.get("valid").asBoolean()).isTrue();
    }

    private static int revision(String ns) {
        return admin.data("query($n: String!) { namespace(name: $n) { revision } }", vars("n", ns))
                .at("/namespace/revision")
                .asInt();
    }

    /**
     * The shared evaluation vectors of docs/spec, through the API: every untyped case of a valid
     * document, answered by {@code evaluateFlag} (the invalid document on purpose, {@code broken}, is
     * refused by {@code putFlag}, as it should be).
     */
    @Test
    @SuppressWarnings("unchecked")
    void theSharedEvaluationVectorsComeThroughTheApi() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("cascade.spec.dir", "../docs/spec"))
                .resolve("evaluation-vectors.json");
        Map<String, Object> vectors = GraphQlClient.JSON.readValue(java.nio.file.Files.readString(file), Map.class);
        String ns = "vectors-" + NAMES.incrementAndGet();
        admin.data(CREATE, vars("n", ns));
        for (Object segment : (List<Object>) vectors.get("segments")) {
            admin.data(PUT_SEGMENT, vars("n", ns, "s", segment));
        }
        for (Map<String, Object> flag : (List<Map<String, Object>>) vectors.get("flags")) {
            if (!"broken".equals(flag.get("key"))) {
                admin.data(PUT_FLAG, vars("n", ns, "f", flag));
            }
        }
        List<Map<String, Object>> cases = new ArrayList<>();
        for (Map<String, Object> vector : (List<Map<String, Object>>) vectors.get("cases")) {
            if ("any".equals(vector.get("type")) && !"broken".equals(vector.get("flag"))) {
                cases.add(vector);
            }
        }
        List<String> failures = new ArrayList<>();
        for (int from = 0; from < cases.size(); from += 40) {
            List<Map<String, Object>> batch = cases.subList(from, Math.min(cases.size(), from + 40));
            StringBuilder query = new StringBuilder("query($n: String!, $env: String!");
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("n", ns);
            variables.put("env", vectors.get("environment"));
            for (int i = 0; i < batch.size(); i++) {
                query.append(", $k").append(i).append(": String!, $c").append(i).append(": JSON!");
                variables.put("k" + i, batch.get(i).get("flag"));
                variables.put("c" + i, batch.get(i).get("context"));
            }
            query.append(") {");
            for (int i = 0; i < batch.size(); i++) {
                query.append(" e")
                        .append(i)
                        .append(": evaluateFlag(namespace: $n, environment: $env, key: $k")
                        .append(i)
                        .append(", context: $c")
                        .append(i)
                        .append(") { value variation reason ruleId errorCode }");
            }
            JsonNode answers = admin.data(query.append(" }").toString(), variables);
            for (int i = 0; i < batch.size(); i++) {
                JsonNode expected = GraphQlClient.JSON.valueToTree(batch.get(i).get("expected"));
                JsonNode actual = answers.get("e" + i);
                boolean same = java.util.Objects.equals(text(expected, "variation"), text(actual, "variation"))
                        && java.util.Objects.equals(text(expected, "reason"), text(actual, "reason"))
                        && java.util.Objects.equals(text(expected, "ruleId"), text(actual, "ruleId"))
                        && java.util.Objects.equals(text(expected, "errorCode"), text(actual, "errorCode"))
                        && sameValue(expected.get("value"), actual.get("value"));
                if (!same) {
                    failures.add(batch.get(i).get("flag") + " for "
                            + batch.get(i).get("context") + ": expected " + expected + " but was " + actual);
                }
            }
        }
        assertThat(cases).hasSizeGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull();
        }
        if (a.isNumber() && b != null && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
