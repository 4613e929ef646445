package io.cascade.server.api;

import static io.cascade.server.api.ConfigApiIT.CREATE;
import static io.cascade.server.api.ConfigApiIT.PUT;
import static io.cascade.server.api.ConfigApiIT.SCHEMA;
import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and malformed requests against one real server: broken and non-GraphQL bodies, wrong
 * methods and content types, oversized and deeply nested input, text that is not valid Unicode,
 * members given twice, numbers a double would change, fragment chains, costly regexes, bad names,
 * selectors, scopes, cursors and revisions, keys of the wrong role or namespace, malformed
 * credentials, request lines and headers Tomcat refuses, {@code /error}. Each must be
 * refused with a documented code and never a 5xx; afterwards nothing may have changed: no revision,
 * no layer, no audit entry, no key, and every audit chain still verifies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    /** The codes a refusal may carry (docs/api.md); anything else, INTERNAL_SERVER_ERROR included, is a bug. */
    static final Set<String> DOCUMENTED = Set.of(
            "BAD_REQUEST",
            "BAD_USER_INPUT",
            "GRAPHQL_PARSE_FAILED",
            "GRAPHQL_VALIDATION_FAILED",
            "LIMIT_EXCEEDED",
            "NOT_FOUND",
            "CONFLICT",
            "VALIDATION_FAILED",
            "ILLEGAL_OVERRIDE",
            "FORBIDDEN",
            "UNAUTHENTICATED",
            "APPROVAL_REQUIRED",
            "ROLLOUT_IN_PROGRESS");

    static final String ALPHA_SCHEMA = """
            {"type": "object", "required": ["name"],
             "properties": {
               "name": {"type": "string", "maxLength": 40},
               "banner": {"type": "string"},
               "pool": {"type": "object", "x-cascade-overridable": ["environment"],
                        "properties": {"size": {"type": "integer", "minimum": 1, "maximum": 1000}}}}}""";

    static final String SNAPSHOT = "{ namespaces(first: 100) { edges { node { name dimensions revision "
            + "layers { selector content revision } schemaVersions { version revision schema } } } } "
            + "apiKeys { id namespace role environment description platformAdmin revokedAt } }";

    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static GraphQlClient admin;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Key alias -> secret, and alias -> key id; "admin" is the platform admin key of the test SERVER.get(). */
    private static final Map<String, String> SECRETS = new LinkedHashMap<>();

    private static final Map<String, String> IDS = new LinkedHashMap<>();
    /** Fingerprints of the requests actually sent, to count distinct ones. */
    private static final Set<String> SENT = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    private static Snapshot before;

    @BeforeAll
    static void start() {
        admin = SERVER.get().client();
        SECRETS.put("admin", TestServer.ADMIN_KEY);

        admin.data(CREATE, vars("n", "alpha")); // r1
        setLayer("alpha", "{}", "{\"pool\": {\"size\": 10}, \"banner\": \"hi\"}"); // r2: no name
        setLayer("alpha", "{}", "{\"name\": \"shop\", \"pool\": {\"size\": 10}, \"banner\": \"hi\"}"); // r3
        setLayer("alpha", "{\"environment\": \"prod\"}", "{\"pool\": {\"size\": 50}}"); // r4
        setLayer("alpha", "{\"tenant\": \"acme\"}", "{\"banner\": \"Hello, Acme\"}"); // r5
        admin.data(SCHEMA, vars("n", "alpha", "s", json(ALPHA_SCHEMA))); // r6
        admin.data(CREATE, vars("n", "beta", "d", List.of("environment", "region"))); // r1
        setLayer("beta", "{}", "{\"x\": 1}"); // r2
        setLayer("beta", "{\"region\": \"eu\"}", "{\"x\": 2}"); // r3

        key("alphaAdmin", "alpha", "ADMIN", null);
        key("alphaApprover", "alpha", "APPROVER", null);
        key("alphaEditor", "alpha", "EDITOR", null);
        key("alphaViewer", "alpha", "VIEWER", null);
        key("alphaSdk", "alpha", "SDK", "prod");
        key("betaAdmin", "beta", "ADMIN", null);
        key("betaSdk", "beta", "SDK", "prod");
        key("platform2", null, "ADMIN", null);
        key("revoked", "alpha", "VIEWER", null);
        admin.data(SecurityIT.REVOKE, vars("id", IDS.get("revoked")));

        before = snapshot();
        assertThat(before.revisions).isEqualTo(9);
        assertThat(before.verified)
                .allSatisfy((ns, valid) -> assertThat(valid).as(ns).isTrue());
    }

    // ---- the hostile requests -------------------------------------------------------------------

    static Stream<Arguments> hostileRequests() {
        return cases().stream().map(c -> Arguments.of(c.name(), c));
    }

    @Order(1)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileRequests")
    void isRefusedWithADocumentedCode(String name, Hostile hostile) {
        Answer answer = send(hostile.request());
        SENT.add(hostile.request().fingerprint());

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(answer.status)
                .as("HTTP status of %s; body %s", name, answer.text())
                .isLessThan(500);
        JsonNode body = answer.json();
        soft.assertThat(body)
                .as(
                        "a JSON body for %s (HTTP %s, %s): %s",
                        name, answer.status, answer.header("content-type"), answer.text())
                .isNotNull();
        if (body != null) {
            JsonNode code = body.at("/errors/0/extensions/code");
            soft.assertThat(code.isString())
                    .as("errors[0].extensions.code of %s: %s", name, answer.text())
                    .isTrue();
            soft.assertThat(DOCUMENTED)
                    .as("documented codes, for %s: %s", name, answer.text())
                    .contains(code.asString(""));
            soft.assertThat(code.asString(""))
                    .as("code of %s: %s", name, answer.text())
                    .isEqualTo(hostile.expected());
            JsonNode data = body.get("data");
            soft.assertThat(data == null || data.isNull() || data.valueStream().allMatch(JsonNode::isNull))
                    .as("no partial data for %s: %s", name, answer.text())
                    .isTrue();
            if ("LIMIT_EXCEEDED".equals(code.asString(""))) {
                soft.assertThat(body.at("/errors/0/extensions/limit").isString())
                        .as(
                                "LIMIT_EXCEEDED names its limit in extensions.limit (docs/api.md), for %s: %s",
                                name, answer.text())
                        .isTrue();
            }
            if ("UNAUTHENTICATED".equals(code.asString(""))) {
                soft.assertThat(answer.status)
                        .as("UNAUTHENTICATED is HTTP 401, for %s", name)
                        .isEqualTo(401);
            }
            if ("BAD_REQUEST".equals(code.asString(""))) {
                soft.assertThat(answer.status)
                        .as(
                                "BAD_REQUEST is HTTP 400, or 405 for a wrong method and 415 for a "
                                        + "wrong content type, for %s",
                                name)
                        .isIn(400, 405, 415);
            }
        }
        String requestId = answer.header("x-request-id");
        soft.assertThat(requestId).as("X-Request-Id of %s", name).isNotNull().matches("[A-Za-z0-9._-]{1,64}");
        soft.assertAll();
    }

    @Order(2)
    @Test
    void afterAllOfThemNothingChanged() {
        assertThat(SENT).as("distinct hostile requests sent").hasSizeGreaterThanOrEqualTo(100);

        Snapshot after = snapshot();

        assertThat(after.state)
                .as("namespaces, revisions, layers, schemas and keys")
                .isEqualTo(before.state);
        assertThat(after.revisions).as("documents in revisions").isEqualTo(before.revisions);
        assertThat(after.audit).as("documents in audit").isEqualTo(before.audit);
        assertThat(after.keys).as("documents in api_keys").isEqualTo(before.keys);
        assertThat(after.hosts).as("documents in hosts").isEqualTo(before.hosts);
        assertThat(after.verified)
                .as("verifyAudit of every chain")
                .isEqualTo(before.verified)
                .allSatisfy((ns, valid) -> assertThat(valid).as(ns).isTrue());
        assertThat(admin.post("{ namespace(name: \"pwned\") { name } }").code()).isEqualTo("NOT_FOUND");
    }

    /**
     * Keys MongoDB would treat as operators or paths are ordinary JSON keys in a layer: stored and
     * returned exactly, through memory, the audit trail and a restart.
     */
    @Order(3)
    @Test
    void operatorLookingKeysAreStoredAndReturnedVerbatim() {
        String content = """
                {"$where": "function() { sleep(10000); return true; }",
                 "$set": {"admin": true}, "$ne": null, "$gt": "", "$": 1, ".": 2, "": "empty key",
                 "a.b": {"c.d": 1, "$in": [1, 2], "$regex": ".*"}, "_id": "not-an-id",
                 "__proto__": {"polluted": true}, "constructor": {"prototype": {}},
                 "$oid": "507f1f77bcf86cd799439011", "$date": {"$numberLong": "1"},
                 "k\\u0000ey": "nul in a key", "text": "\\u202e\\u0000<script>\\"; drop",
                 "big": 12345678901234567890, "neg": -0.5, "list": [{"$oid": "x"}, null, [], {}]}""";
        JsonNode expected = GraphQlClient.JSON.readTree(content);
        String selector = "{\"environment\": \"$where\", \"region\": \"a.b\"}";
        int revision = admin.data(PUT, vars("n", "beta", "s", json(selector), "c", json(content)))
                .at("/putLayer/revision")
                .asInt();

        assertThat(layerContent("beta", revision)).isEqualTo(expected);
        JsonNode resolved = admin.data(ConfigApiIT.RESOLVE, vars("n", "beta", "s", json(selector)))
                .at("/resolveConfig/config");
        assertThat(resolved.get("$where")).isEqualTo(expected.get("$where"));
        assertThat(resolved.get("a.b")).isEqualTo(expected.get("a.b"));
        assertThat(resolved.get("k\u0000ey")).isEqualTo(expected.get("k\u0000ey"));
        JsonNode entry = admin.data(AuditIT.LOG, vars("n", "beta", "action", "layer.put", "f", 1))
                .at("/auditLog/edges/0/node");
        assertThat(entry.get("revision").asInt()).isEqualTo(revision);
        assertThat(entry.get("after")).isEqualTo(expected);
        assertThat(admin.data(AuditIT.VERIFY, vars("n", "beta"))
                        .at("/verifyAudit/valid")
                        .asBoolean())
                .isTrue();

        SERVER.get().restart();
        admin = SERVER.get().client();

        assertThat(layerContent("beta", revision)).as("after a restart").isEqualTo(expected);
        assertThat(admin.data(AuditIT.VERIFY, vars("n", "beta"))
                        .at("/verifyAudit/valid")
                        .asBoolean())
                .isTrue();
    }

    /**
     * Text outside the Basic Multilingual Plane (a surrogate pair in Java) is valid Unicode and is
     * kept exactly everywhere: in layer keys and values, commit messages, flag and key descriptions,
     * rules and contexts; through the audit chain and a restart of the embedded store.
     */
    @Order(5)
    @Test
    void astralPlaneTextIsKeptExactlyThroughTheAuditAndARestart() {
        String text = "\uD83D\uDE00 cafe\u0301 \uD834\uDD1E \u4E2D\u6587 \uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08 \uFFFF";
        Map<String, Object> content = new LinkedHashMap<>();
        content.put(text, List.of(text, "\u0000" + text));
        content.put("plain", text);
        String selector = "{\"environment\": \"\uD83D\uDE80\", \"region\": \"\uD83C\uDF0D\"}";
        int layerRevision = admin.data(PUT, vars("n", "beta", "s", json(selector), "c", content, "m", text))
                .at("/putLayer/revision")
                .asInt();
        Map<String, Object> flag = new LinkedHashMap<>(GraphQlClient.JSON.readValue("""
                {"key": "astral", "type": "string",
                 "variations": {"smile": "\uD83D\uDE00", "plain": "-"},
                 "environments": {"prod": {"enabled": true, "offVariation": "plain",
                   "rules": [{"id": "r", "when": "plan == \\"\uD83D\uDC8E\\"", "serve": "smile"}],
                   "fallthrough": {"serve": "plain"}}}}""", Map.class));
        flag.put("description", text);
        admin.data(FlagApiIT.PUT_FLAG, vars("n", "beta", "f", flag, "m", text));
        String keyId = admin.data(
                        SecurityIT.CREATE_KEY, vars("n", "beta", "r", "VIEWER", "e", null, "d", "\uD83D\uDD11 " + text))
                .at("/createApiKey/id")
                .asString();

        JsonNode served = admin.data(
                        FlagApiIT.EVALUATE,
                        vars(
                                "n",
                                "beta",
                                "env",
                                "prod",
                                "k",
                                "astral",
                                "c",
                                Map.of("targetingKey", text, "plan", "\uD83D\uDC8E")))
                .get("evaluateFlag");
        assertThat(served.get("value").asString()).isEqualTo("\uD83D\uDE00");
        assertThat(served.get("reason").asString()).isEqualTo("TARGETING_MATCH");
        assertAstralTextKept(text, content, layerRevision, keyId);

        SERVER.get().restart();
        admin = SERVER.get().client();

        assertAstralTextKept(text, content, layerRevision, keyId);
    }

    private static void assertAstralTextKept(
            String text, Map<String, Object> content, int layerRevision, String keyId) {
        JsonNode expected = GraphQlClient.JSON.valueToTree(content);
        assertThat(layerContent("beta", layerRevision)).isEqualTo(expected);
        JsonNode revisions = admin.data(
                        "query($n: String!) { history(namespace: $n, first: 2) { edges { node { revision message } } } }",
                        vars("n", "beta"))
                .at("/history/edges");
        assertThat(revisions.findValuesAsString("message")).containsOnly(text);
        assertThat(admin.data(
                                "query($n: String!) { flag(namespace: $n, key: \"astral\") { document } }",
                                vars("n", "beta"))
                        .at("/flag/document/description")
                        .asString())
                .isEqualTo(text);
        JsonNode keys = admin.data("query($n: String) { apiKeys(namespace: $n) { id description } }", vars("n", "beta"))
                .get("apiKeys");
        assertThat(keys.findValues("id").stream().map(JsonNode::asString)).contains(keyId);
        assertThat(keys.findValuesAsString("description")).contains("\uD83D\uDD11 " + text);
        JsonNode entry = admin.data(AuditIT.LOG, vars("n", "beta", "action", "layer.put", "f", 1))
                .at("/auditLog/edges/0/node");
        assertThat(entry.get("revision").asInt()).isEqualTo(layerRevision);
        assertThat(entry.get("message").asString()).isEqualTo(text);
        assertThat(entry.get("after")).isEqualTo(expected);
        JsonNode verified = admin.data(AuditIT.VERIFY, vars("n", "beta")).get("verifyAudit");
        assertThat(verified.get("valid").asBoolean())
                .as("verifyAudit: %s", verified)
                .isTrue();
    }

    /**
     * A number the JSON scalar cannot hold must be refused, not changed: today {@code 1e400} is
     * stored as the string "Infinity".
     */
    @Order(4)
    @Test
    void anAcceptHeaderWithoutJsonStillGetsAJsonAnswer() {
        java.net.http.HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(SERVER.get().baseUrl() + "/graphql"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .header("Accept", "application/xml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\": \"{ whoami { keyId } }\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(response.body()).contains("\"whoami\"");
    }

    private static java.net.http.HttpResponse<String> send(java.net.http.HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNumberOutOfRangeIsRefusedNotChanged() {
        int revision = revision("beta");

        GraphQlClient.Response literal = admin.post(
                "mutation { putLayer(namespace: \"beta\", selector: {region: \"inf\"}, content: {a: 1e400}) { revision } }");
        GraphQlClient.Response variable = admin.postRaw(
                "{\"query\": \"mutation($c: JSON!) { putLayer(namespace: \\\"beta\\\","
                        + " selector: {region: \\\"inf2\\\"}, content: $c) { revision } }\", \"variables\": {\"c\": {\"a\": 1e400}}}");

        assertThat(literal.code())
                .as("literal 1e400: %s", literal.body())
                .isIn("BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED");
        assertThat(variable.code()).as("variable 1e400: %s", variable.body()).isIn("BAD_USER_INPUT", "BAD_REQUEST");
        assertThat(revision("beta")).isEqualTo(revision);
    }

    /**
     * Numbers are kept by value: integers of any size exactly, others as a double that reads back
     * as the same number, through the store, the audit trail and the diff.
     */
    @Test
    void numbersAreKeptByValue() {
        Map<String, String> numbers = new LinkedHashMap<>();
        numbers.put("hundred", "1E2");
        numbers.put("tenth", "0.1");
        numbers.put("big", "123456789012345678901234567890");
        numbers.put("negativeBig", "-98765432109876543210");
        numbers.put("max", "1.7976931348623157E308");
        numbers.put("tiny", "4.9E-324");
        numbers.put("padded", "123.4560");
        numbers.put("negativeZero", "-0.0");
        StringBuilder content = new StringBuilder("{");
        numbers.forEach((name, text) -> content.append(content.length() > 1 ? ", " : "")
                .append('"')
                .append(name)
                .append("\": ")
                .append(text));
        content.append('}');
        GraphQlClient.Response answer = admin.postRaw("{\"query\": " + quote(PUT) + ", \"variables\": "
                + "{\"n\": \"beta\", \"s\": {\"environment\": \"numbers\"}, \"c\": " + content + "}}");
        assertThat(answer.errors()).as("%s", answer.body()).isEmpty();
        int revision = answer.body().at("/data/putLayer/revision").asInt();

        JsonNode stored = layerContent("beta", revision);
        numbers.forEach((name, text) -> assertThat(stored.get(name).decimalValue())
                .as("%s: sent %s, stored %s", name, text, stored.get(name))
                .isEqualByComparingTo(new java.math.BigDecimal(text)));
        assertThat(stored.get("big").toString()).isEqualTo("123456789012345678901234567890");
        JsonNode after = admin.data(AuditIT.LOG, vars("n", "beta", "action", "layer.put", "f", 1))
                .at("/auditLog/edges/0/node/after");
        assertThat(after).isEqualTo(stored);
    }

    // ---- the table ------------------------------------------------------------------------------

    static List<Hostile> cases() {
        List<Hostile> c = new ArrayList<>();
        String whoami = "{ whoami { keyId } }";
        String whoamiBody = "{\"query\": \"{ whoami { keyId } }\"";

        // Broken JSON.
        c.add(body("broken JSON: lone brace", "BAD_REQUEST", "{"));
        c.add(body("broken JSON: unterminated object", "BAD_REQUEST", whoamiBody));
        c.add(body("broken JSON: single quotes", "BAD_REQUEST", "{'query': '{ whoami { keyId } }'}"));
        c.add(body("broken JSON: unquoted key", "BAD_REQUEST", "{query: \"{ whoami { keyId } }\"}"));
        c.add(body("broken JSON: trailing comma", "BAD_REQUEST", whoamiBody + ",}"));
        c.add(body("broken JSON: comment before the object", "BAD_REQUEST", "/* hi */ " + whoamiBody + "}"));
        c.add(body("broken JSON: NaN in variables", "BAD_REQUEST", whoamiBody + ", \"variables\": {\"a\": NaN}}"));
        c.add(body(
                "broken JSON: number of 5000 digits",
                "BAD_REQUEST",
                whoamiBody + ", \"variables\": {\"a\": " + "9".repeat(5000) + "}}"));
        c.add(bytes(
                "broken JSON: invalid UTF-8",
                "BAD_REQUEST",
                "admin",
                "application/json",
                concat(
                        "{\"query\": \"{ whoami { keyId } }\", \"x\": \"".getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc0},
                        "\"}".getBytes(StandardCharsets.UTF_8))));
        c.add(bytes("broken JSON: NUL bytes", "BAD_REQUEST", "admin", "application/json", new byte[] {0, 0, 0, 0}));
        c.add(body(
                "variables nested 100 000 deep",
                "LIMIT_EXCEEDED",
                whoamiBody + ", \"variables\": {\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}}"));

        // Text that is not valid Unicode: a lone UTF-16 surrogate, wherever it is.
        String flagWith = "{\"key\": \"f\", \"type\": \"boolean\", \"variations\": {\"on\": true, \"off\": false}, "
                + "\"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"off\", "
                + "\"rules\": [{\"id\": \"r\", \"when\": WHEN, \"serve\": \"on\"}], \"fallthrough\": {\"serve\": \"off\"}}}"
                + ", \"description\": DESCRIPTION}";
        String putFlagVar =
                "mutation($f: JSON!, $m: String) { putFlag(namespace: \"alpha\", flag: $f, message: $m) { revision } }";
        for (String[] lone : new String[][] {
            {"a lone high surrogate", "\\ud800"},
            {"a lone low surrogate", "\\udfff"},
            {"a high surrogate at the end", "ok\\ud83d"},
            {"a pair in the wrong order", "\\ude00\\ud83d"}
        }) {
            String text = "\"" + lone[1] + "\"";
            c.add(gqlVars(
                    "layer value with " + lone[0],
                    "BAD_USER_INPUT",
                    "admin",
                    putVar("alpha", "{tenant: `acme`}"),
                    "{\"c\": {\"banner\": " + text + "}}"));
            c.add(gqlVars(
                    "layer key with " + lone[0] + " (Jackson refuses the body)",
                    "BAD_REQUEST",
                    "admin",
                    putVar("alpha", "{tenant: `acme`}"),
                    "{\"c\": {" + text + ": \"x\"}}"));
            c.add(gqlVars(
                    "putLayer message with " + lone[0],
                    "BAD_USER_INPUT",
                    "admin",
                    "mutation($m: String) { putLayer(namespace: \"alpha\", selector: {tenant: \"acme\"}, content: {banner: \"b\"}, message: $m) { revision } }",
                    "{\"m\": " + text + "}"));
            c.add(gqlVars(
                    "flag description with " + lone[0],
                    "BAD_USER_INPUT",
                    "admin",
                    putFlagVar,
                    "{\"f\": "
                            + flagWith.replace("WHEN", "\"plan == \\\"pro\\\"\"")
                                    .replace("DESCRIPTION", text) + "}"));
            c.add(gqlVars(
                    "rule source with " + lone[0],
                    "BAD_USER_INPUT",
                    "admin",
                    putFlagVar,
                    "{\"f\": "
                            + flagWith.replace("WHEN", "\"plan == \\\"" + lone[1] + "\\\"\"")
                                    .replace("DESCRIPTION", "\"d\"")
                            + "}"));
            c.add(gqlVars(
                    "createApiKey description with " + lone[0],
                    "BAD_USER_INPUT",
                    "admin",
                    "mutation($d: String) { createApiKey(namespace: \"alpha\", role: VIEWER, description: $d) { secret } }",
                    "{\"d\": " + text + "}"));
            c.add(gqlVars(
                    "evaluation context value with " + lone[0],
                    "BAD_USER_INPUT",
                    "admin",
                    "query($c: JSON!) { evaluateFlags(namespace: \"alpha\", environment: \"prod\", context: $c) { key } }",
                    "{\"c\": {\"targetingKey\": \"u1\", \"plan\": " + text + "}}"));
        }
        c.add(gqlVars(
                "createNamespace message with a lone surrogate",
                "BAD_USER_INPUT",
                "admin",
                "mutation($m: String) { createNamespace(name: \"pwned\", message: $m) { name } }",
                "{\"m\": \"\\udbff\"}"));
        c.add(gqlVars(
                "selector value with a lone surrogate",
                "BAD_USER_INPUT",
                "admin",
                "mutation($s: JSON!) { putLayer(namespace: \"alpha\", selector: $s, content: {banner: \"b\"}) { revision } }",
                "{\"s\": {\"tenant\": \"ac\\udc00me\"}}"));
        c.add(gqlVars(
                "evaluation context attribute name with a lone surrogate (Jackson refuses the body)",
                "BAD_REQUEST",
                "admin",
                "query($c: JSON!) { evaluateFlags(namespace: \"alpha\", environment: \"prod\", context: $c) { key } }",
                "{\"c\": {\"targetingKey\": \"u1\", \"\\ud800plan\": \"pro\"}}"));
        c.add(gqlVars(
                "checkRule source with a lone surrogate",
                "BAD_USER_INPUT",
                "admin",
                "query($s: String!) { checkRule(namespace: \"alpha\", source: $s) { valid } }",
                "{\"s\": \"plan == \\\"\\ud800\\\"\"}"));
        c.add(gqlVars(
                "segment document with a lone surrogate",
                "BAD_USER_INPUT",
                "admin",
                "mutation($s: JSON!) { putSegment(namespace: \"alpha\", segment: $s) { revision } }",
                "{\"s\": {\"key\": \"s\", \"included\": [\"a\\ud800\"]}}"));
        c.add(gqlVars(
                "schema with a lone surrogate",
                "BAD_USER_INPUT",
                "admin",
                "mutation($s: JSON!) { registerSchema(namespace: \"alpha\", schema: $s) { version } }",
                "{\"s\": {\"type\": \"object\", \"description\": \"\\ud800\"}}"));
        c.add(body(
                "query text with a lone surrogate in a comment",
                "BAD_USER_INPUT",
                "{\"query\": \"mutation { createNamespace(name: \\\"pwned\\\") { name } } # \\ud800\"}"));
        c.add(body(
                "operationName with a lone surrogate",
                "BAD_USER_INPUT",
                "{\"query\": \"query A { whoami { keyId } }\", \"operationName\": \"A\\ud800\"}"));
        c.add(bytes(
                "layer value with a surrogate encoded as three UTF-8 bytes (not UTF-8)",
                "BAD_REQUEST",
                "admin",
                "application/json",
                concat(
                        utf8(gqlBody(putVar("alpha", "{tenant: `acme`}"), null)
                                .replaceFirst("}$", ", \"variables\": {\"c\": {\"banner\": \"")),
                        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        utf8("\"}}}"))));
        c.add(gql(
                "layer value literal with a lone surrogate escape",
                "GRAPHQL_PARSE_FAILED",
                "admin",
                put("alpha", "{tenant: `acme`}", "{banner: `\\ud800`}")));
        c.add(gql(
                "layer value literal with a lone surrogate in braces",
                "GRAPHQL_PARSE_FAILED",
                "admin",
                put("alpha", "{tenant: `acme`}", "{banner: `\\u{DC00}`}")));
        c.add(gql(
                "createApiKey description literal with a lone surrogate",
                "GRAPHQL_PARSE_FAILED",
                "admin",
                "mutation { createApiKey(namespace: `alpha`, role: VIEWER, description: `\\ud800`) { secret } }"));

        // A member given twice: Jackson would keep the last, a proxy or log filter reading the first another request.
        c.add(
                body(
                        "query given twice, a mutation last",
                        "BAD_REQUEST",
                        "{\"query\": \"{ whoami { keyId } }\", \"query\": \"mutation { createNamespace(name: \\\"pwned\\\") { name } }\"}"));
        c.add(
                body(
                        "a second request object after the first, a mutation",
                        "BAD_REQUEST",
                        "{\"query\": \"{ whoami { keyId } }\"} {\"query\": \"mutation { createNamespace(name: \\\"pwned\\\") { name } }\"}"));
        c.add(body("a request followed by text", "BAD_REQUEST", "{\"query\": \"{ whoami { keyId } }\"} garbage"));
        c.add(body(
                "variables given twice",
                "BAD_REQUEST",
                "{\"query\": \"mutation($n: String!) { createNamespace(name: $n) { name } }\", "
                        + "\"variables\": {\"n\": \"alpha\"}, \"variables\": {\"n\": \"pwned\"}}"));
        c.add(body(
                "operationName given twice",
                "BAD_REQUEST",
                "{\"query\": \"query A { whoami { keyId } } mutation B { createNamespace(name: \\\"pwned\\\") { name } }\", "
                        + "\"operationName\": \"A\", \"operationName\": \"B\"}"));
        c.add(gqlVars(
                "a variable given twice",
                "BAD_USER_INPUT",
                "admin",
                putVarNs(),
                "{\"n\": \"alpha\", \"n\": \"beta\", \"c\": {\"x\": 1}}"));
        c.add(gqlVars(
                "layer content member given twice",
                "BAD_USER_INPUT",
                "admin",
                putVar("alpha", "{tenant: `acme`}"),
                "{\"c\": {\"banner\": \"a\", \"banner\": \"b\"}}"));
        c.add(gqlVars(
                "layer content member given twice, deep",
                "BAD_USER_INPUT",
                "admin",
                putVar("alpha", "{tenant: `acme`}"),
                "{\"c\": {\"pool\": {\"size\": 1, \"x\": [{\"k\": 1, \"k\": 2}]}}}"));
        c.add(gqlVars(
                "layer content member given twice, once escaped",
                "BAD_USER_INPUT",
                "admin",
                putVar("alpha", "{tenant: `acme`}"),
                "{\"c\": {\"banner\": \"a\", \"\\u0062anner\": \"b\"}}"));
        c.add(gqlVars(
                "selector member given twice",
                "BAD_USER_INPUT",
                "admin",
                "mutation($s: JSON!) { putLayer(namespace: \"alpha\", selector: $s, content: {banner: \"b\"}) { revision } }",
                "{\"s\": {\"tenant\": \"acme\", \"tenant\": \"*\"}}"));
        c.add(gqlVars(
                "schema member given twice",
                "BAD_USER_INPUT",
                "admin",
                "mutation($s: JSON!) { registerSchema(namespace: \"alpha\", schema: $s) { version } }",
                "{\"s\": {\"type\": \"object\", \"type\": \"string\"}}"));
        c.add(gqlVars(
                "flag document member given twice",
                "BAD_USER_INPUT",
                "admin",
                putFlagVar,
                "{\"f\": {\"key\": \"f\", \"key\": \"g\", \"type\": \"boolean\"}}"));
        c.add(gqlVars(
                "evaluation context member given twice",
                "BAD_USER_INPUT",
                "admin",
                "query($c: JSON!) { evaluateFlags(namespace: \"alpha\", environment: \"prod\", context: $c) { key } }",
                "{\"c\": {\"targetingKey\": \"u1\", \"targetingKey\": \"u2\"}}"));
        c.add(body(
                "extensions member given twice",
                "BAD_USER_INPUT",
                "{\"query\": \"{ whoami { keyId } }\", \"extensions\": {\"a\": 1, \"a\": 2}}"));
        c.add(gql(
                "layer content literal member given twice",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                put("alpha", "{tenant: `acme`}", "{banner: `a`, banner: `b`}")));
        c.add(gql(
                "selector literal member given twice",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                put("alpha", "{tenant: `acme`, tenant: `*`}", "{banner: `b`}")));

        // Numbers that would be silently changed: refused, never rounded.
        for (String number : new String[] {"1e-400", "0.1000000000000000000000000001", "5e-324", "-1e400"}) {
            c.add(gqlVars(
                    "layer number " + number,
                    "BAD_USER_INPUT",
                    "admin",
                    putVar("alpha", "{tenant: `acme`}"),
                    "{\"c\": {\"banner\": \"b\", \"n\": " + number + "}}"));
            c.add(gql(
                    "layer number literal " + number,
                    "GRAPHQL_VALIDATION_FAILED",
                    "admin",
                    put("alpha", "{tenant: `acme`}", "{banner: `b`, n: " + number + "}")));
        }
        c.add(
                gqlVars(
                        "flag variation number 0.1000000000000000000000000001",
                        "BAD_USER_INPUT",
                        "admin",
                        putFlagVar,
                        "{\"f\": {\"key\": \"n\", \"type\": \"number\", \"variations\": {\"a\": 0.1000000000000000000000000001, \"b\": 2},"
                                + " \"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"b\", \"fallthrough\": {\"serve\": \"a\"}}}}}"));
        c.add(
                gqlVars(
                        "split weight 33.3333333333333333333",
                        "BAD_USER_INPUT",
                        "admin",
                        putFlagVar,
                        "{\"f\": {\"key\": \"w\", \"type\": \"boolean\", \"variations\": {\"on\": true, \"off\": false},"
                                + " \"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"off\", \"fallthrough\": {\"split\": "
                                + "[{\"serve\": \"on\", \"weight\": 33.3333333333333333333}, {\"serve\": \"off\", \"weight\": 66.6666666666666666667}]}}}}}"));
        c.add(gqlVars(
                "evaluation context number 1e-400",
                "BAD_USER_INPUT",
                "admin",
                "query($c: JSON!) { evaluateFlags(namespace: \"alpha\", environment: \"prod\", context: $c) { key } }",
                "{\"c\": {\"targetingKey\": \"u1\", \"appVersion\": 1e-400}}"));
        c.add(gqlVars(
                "schema number 1e400",
                "BAD_USER_INPUT",
                "admin",
                "mutation($s: JSON!) { registerSchema(namespace: \"alpha\", schema: $s) { version } }",
                "{\"s\": {\"type\": \"object\", \"maximum\": 1e400}}"));

        // Rules that would be slow: a regex program too large for its pattern.
        for (String pattern :
                new String[] {"(\\\\\\\\w{1000}){1000}", "((((a{1000}){1000}){1000}){1000}){1000}", "[a-z]{1001}"}) {
            c.add(gqlVars(
                    "rule matching " + pattern,
                    "LIMIT_EXCEEDED",
                    "admin",
                    putFlagVar,
                    "{\"f\": "
                            + flagWith.replace("WHEN", "\"name matches \\\"" + pattern + "\\\"\"")
                                    .replace("DESCRIPTION", "\"d\"")
                            + "}"));
        }
        c.add(gqlVars(
                "segment condition matching (\\w{1000}){1000}",
                "LIMIT_EXCEEDED",
                "admin",
                "mutation($s: JSON!) { putSegment(namespace: \"alpha\", segment: $s) { revision } }",
                "{\"s\": {\"key\": \"s\", \"when\": \"name matches \\\"(\\\\\\\\w{1000}){1000}\\\"\"}}"));

        // Not a GraphQL request.
        c.add(body("empty body", "BAD_REQUEST", ""));
        c.add(body("whitespace body", "BAD_REQUEST", "  \n\t "));
        c.add(body("JSON null", "BAD_REQUEST", "null"));
        c.add(body("JSON true", "BAD_REQUEST", "true"));
        c.add(body("JSON number", "BAD_REQUEST", "42"));
        c.add(body("JSON string holding a query", "BAD_REQUEST", "\"{ whoami { keyId } }\""));
        c.add(body("empty array", "BAD_REQUEST", "[]"));
        c.add(body("batched array", "BAD_REQUEST", "[" + whoamiBody + "}]"));
        c.add(body("empty object", "BAD_REQUEST", "{}"));
        c.add(body("query null", "BAD_REQUEST", "{\"query\": null}"));
        c.add(body("query a number", "BAD_REQUEST", "{\"query\": 42}"));
        c.add(body("query an array", "BAD_REQUEST", "{\"query\": [\"{ whoami { keyId } }\"]}"));
        c.add(body("query an AST object", "BAD_REQUEST", "{\"query\": {\"kind\": \"Document\"}}"));
        c.add(body("Query with a capital Q", "BAD_REQUEST", "{\"Query\": \"{ whoami { keyId } }\"}"));
        c.add(body("mutation member instead of query", "BAD_REQUEST", "{\"mutation\": \"mutation { x }\"}"));
        c.add(body("variables an array", "BAD_REQUEST", whoamiBody + ", \"variables\": []}"));
        c.add(body("variables a string", "BAD_REQUEST", whoamiBody + ", \"variables\": \"{}\"}"));
        c.add(body("variables a number", "BAD_REQUEST", whoamiBody + ", \"variables\": 1}"));
        c.add(body("operationName a number", "BAD_REQUEST", whoamiBody + ", \"operationName\": 7}"));
        c.add(body("operationName an object", "BAD_REQUEST", whoamiBody + ", \"operationName\": {}}"));
        c.add(body("extensions a string", "BAD_REQUEST", whoamiBody + ", \"extensions\": \"x\"}"));
        c.add(body("extensions an array", "BAD_REQUEST", whoamiBody + ", \"extensions\": [1]}"));

        // Methods and content types.
        c.add(raw("no Content-Type", "BAD_REQUEST", "admin", null, whoamiBody + "}"));
        c.add(raw(
                "form-urlencoded body",
                "BAD_REQUEST",
                "admin",
                "application/x-www-form-urlencoded",
                "query=%7B%20whoami%20%7B%20keyId%20%7D%20%7D"));
        c.add(raw("application/graphql body", "BAD_REQUEST", "admin", "application/graphql", whoami));
        c.add(raw(
                "multipart body",
                "BAD_REQUEST",
                "admin",
                "multipart/form-data; boundary=xx",
                "--xx\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n" + whoamiBody
                        + "}\r\n--xx--\r\n"));
        c.add(raw("text/plain GraphQL document", "BAD_REQUEST", "admin", "text/plain", "query " + whoami));
        c.add(new Hostile(
                "GET with a mutation in the query string",
                "BAD_REQUEST",
                new Request(
                        "GET",
                        "/graphql?query="
                                + java.net.URLEncoder.encode(
                                        "mutation { createNamespace(name: \"pwned\") { name } }",
                                        StandardCharsets.UTF_8),
                        List.of(h("Authorization", "Bearer {admin}")),
                        new byte[0],
                        false)));
        c.add(new Hostile(
                "PUT instead of POST",
                "BAD_REQUEST",
                new Request(
                        "PUT",
                        "/graphql",
                        List.of(h("Authorization", "Bearer {admin}"), h("Content-Type", "application/json")),
                        utf8(whoamiBody + "}"),
                        false)));
        c.add(new Hostile(
                "DELETE instead of POST",
                "BAD_REQUEST",
                new Request("DELETE", "/graphql", List.of(h("Authorization", "Bearer {admin}")), new byte[0], false)));

        // Size and depth.
        c.add(new Hostile(
                "body of 1 MiB + 1 with Content-Length",
                "LIMIT_EXCEEDED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(h("Authorization", "Bearer {admin}"), h("Content-Type", "application/json")),
                        padded(MIB + 1),
                        false)));
        c.add(new Hostile(
                "body of 1.5 MiB chunked",
                "LIMIT_EXCEEDED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(
                                h("Authorization", "Bearer {admin}"),
                                h("Content-Type", "application/json"),
                                h("X-Chunked", "1")),
                        padded(MIB + MIB / 2),
                        false)));
        c.add(gqlVars(
                "variables nested 40 deep",
                "LIMIT_EXCEEDED",
                "admin",
                "query($x: JSON) { whoami { keyId } }",
                "{\"x\": " + nestedJson(40) + "}"));
        c.add(body(
                "extensions nested 40 deep",
                "LIMIT_EXCEEDED",
                whoamiBody + ", \"extensions\": " + nestedJson(40) + "}"));
        c.add(gqlVars(
                "layer content variable nested 33 deep",
                "LIMIT_EXCEEDED",
                "admin",
                putVar("alpha", "{tenant: `deep`}"),
                "{\"c\": " + nestedJson(33) + "}"));
        c.add(gql(
                "layer content literal nested 33 deep",
                "LIMIT_EXCEEDED",
                "admin",
                put("alpha", "{tenant: `deep`}", nestedLiteral(33))));
        c.add(gql(
                "layer content literal nested 600 deep",
                "GRAPHQL_PARSE_FAILED",
                "admin",
                put("alpha", "{tenant: `deep`}", nestedLiteral(600))));
        c.add(gql(
                "validateLayer content nested 40 deep",
                "LIMIT_EXCEEDED",
                "admin",
                "{ validateLayer(namespace: `alpha`, selector: {}, content: " + nestedLiteral(40) + ") { valid } }"));
        c.add(gql(
                "selector literal nested 50 deep",
                "BAD_USER_INPUT",
                "admin",
                put("alpha", "{tenant: " + nestedLiteral(50) + "}", "{}")));
        c.add(gql(
                "schema literal nested 600 deep",
                "GRAPHQL_PARSE_FAILED",
                "admin",
                "mutation { registerSchema(namespace: `alpha`, schema: " + nestedLiteral(600) + ") { version } }"));
        c.add(gqlVars(
                "layer of 300 KiB",
                "LIMIT_EXCEEDED",
                "admin",
                putVar("alpha", "{tenant: `big`}"),
                "{\"c\": {\"name\": \"n\", \"blob\": \"" + "x".repeat(300 * 1024) + "\"}}"));
        c.add(gqlVars(
                "validateLayer of 300 KiB",
                "LIMIT_EXCEEDED",
                "admin",
                "query($c: JSON!) { validateLayer(namespace: \"alpha\", selector: {}, content: $c) { valid } }",
                "{\"c\": {\"blob\": \"" + "x".repeat(300 * 1024) + "\"}}"));
        c.add(gql(
                "query depth 24 through introspection",
                "LIMIT_EXCEEDED",
                "admin",
                "{ __schema { types { " + "ofType { ".repeat(20) + "name" + " }".repeat(20) + " } } }"));
        c.add(gql(
                "query depth 16 through __type",
                "LIMIT_EXCEEDED",
                "admin",
                "{ __type(name: `Query`) { " + "ofType { ".repeat(15) + "name" + " }".repeat(15) + " } }"));
        c.add(gql(
                "selection 10 deep into a scalar",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "{ namespace(name: `alpha`) { layers { selector " + "{ a ".repeat(10) + "}".repeat(10) + " } } }"));
        c.add(gql(
                "selection 20 deep into a scalar (the depth is checked first)",
                "LIMIT_EXCEEDED",
                "admin",
                "{ namespace(name: `alpha`) { layers { selector " + "{ a ".repeat(20) + "}".repeat(20) + " } } }"));
        c.add(gql("501 aliases of whoami", "LIMIT_EXCEEDED", "admin", aliases(501, "whoami { keyId }")));
        c.add(gql(
                "501 aliases of namespace",
                "LIMIT_EXCEEDED",
                "admin",
                aliases(501, "namespace(name: `alpha`) { revision }")));
        c.add(gql("501 aliases of __typename", "LIMIT_EXCEEDED", "admin", aliases(501, "__typename")));
        c.add(gql("501 repeats of one field", "LIMIT_EXCEEDED", "admin", "{ whoami { " + "keyId ".repeat(501) + "} }"));
        c.add(gql("600 fragment spreads", "LIMIT_EXCEEDED", "admin", fragments(600)));
        c.add(gql("1 000 chained fragments (58 KB)", "LIMIT_EXCEEDED", "admin", chainedFragments(1000)));
        c.add(gql(
                "100 chained fragments of 7 fields",
                "LIMIT_EXCEEDED",
                "admin",
                chainedFragments(100).replace("{ keyId }", "{ keyId keyId keyId keyId keyId keyId }")));
        c.add(gql("fragments doubling 60 times", "LIMIT_EXCEEDED", "admin", doublingFragments(60)));
        c.add(gql("more than 15 000 tokens", "GRAPHQL_PARSE_FAILED", "admin", aliases(8000, "__typename")));
        c.add(gql(
                "fragment cycle",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"));
        c.add(gql(
                "a non-repeatable directive 300 times",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "{ whoami " + "@skip(if: false) ".repeat(300) + "{ keyId } }"));

        // GraphQL documents that do not parse or do not fit the schema.
        c.add(gql("unbalanced braces", "GRAPHQL_PARSE_FAILED", "admin", "{ whoami { keyId }"));
        c.add(gql("empty mutation", "GRAPHQL_PARSE_FAILED", "admin", "mutation { }"));
        c.add(gql("empty document", "GRAPHQL_PARSE_FAILED", "admin", ""));
        c.add(gql("SQL instead of GraphQL", "GRAPHQL_PARSE_FAILED", "admin", "SELECT * FROM api_keys; --"));
        c.add(gql("unknown field", "GRAPHQL_VALIDATION_FAILED", "admin", "{ dropDatabase }"));
        c.add(gql(
                "unknown mutation",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "mutation { deleteNamespace(name: `alpha`) }"));
        c.add(body(
                "unknown operationName",
                "GRAPHQL_VALIDATION_FAILED",
                "{\"query\": \"query A { whoami { keyId } }\", \"operationName\": \"B\"}"));
        c.add(gql(
                "two operations, no operationName",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "query A { whoami { keyId } } mutation B { createNamespace(name: `pwned`) { name } }"));
        c.add(gql(
                "subscription over HTTP",
                "BAD_REQUEST",
                "admin",
                "subscription { configChanged(namespace: `alpha`, scope: {}) { revision } }"));
        c.add(gql("undeclared variable", "GRAPHQL_VALIDATION_FAILED", "admin", "{ namespace(name: $n) { revision } }"));
        c.add(gql(
                "variable of an unknown type",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "query($n: Nope) { namespace(name: $n) { revision } }"));
        c.add(gql(
                "unused fragment",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "{ whoami { keyId } } fragment F on Query { __typename }"));

        // Wrong argument types and missing arguments.
        c.add(gql(
                "namespace as an Int literal",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                put("5", "{}", "{}").replace("`5`", "5")));
        c.add(gql(
                "putLayer without content",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "mutation { putLayer(namespace: `alpha`, selector: {}) { revision } }"));
        c.add(gql(
                "putLayer without namespace",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "mutation { putLayer(selector: {}, content: {}) { revision } }"));
        c.add(gql("content null literal", "GRAPHQL_VALIDATION_FAILED", "admin", put("alpha", "{}", "null")));
        c.add(gql(
                "revision as a String literal",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: `3`) { revision } }"));
        c.add(gql(
                "revision beyond Int literal",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: 99999999999) { revision } }"));
        c.add(gql(
                "first as a String literal",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "{ history(namespace: `alpha`, first: `ten`) { edges { cursor } } }"));
        c.add(gql(
                "unknown role literal",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "mutation { createApiKey(namespace: `alpha`, role: ROOT) { secret } }"));
        c.add(gql(
                "DateTime literal that is no date",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "{ auditLog(namespace: `alpha`, since: `yesterday`) { edges { cursor } } }"));
        c.add(gql(
                "unknown argument",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                "mutation { putLayer(namespace: `alpha`, selector: {}, content: {}, force: true) { revision } }"));
        c.add(gqlVars(
                "unknown role variable",
                "BAD_USER_INPUT",
                "admin",
                "mutation($r: Role!) { createApiKey(namespace: \"alpha\", role: $r) { secret } }",
                "{\"r\": \"ROOT\"}"));
        c.add(gqlVars(
                "role variable in lower case",
                "BAD_USER_INPUT",
                "admin",
                "mutation($r: Role!) { createApiKey(namespace: \"alpha\", role: $r) { secret } }",
                "{\"r\": \"admin\"}"));
        c.add(gqlVars(
                "namespace variable {$ne: 1}",
                "BAD_USER_INPUT",
                "admin",
                putVarNs(),
                "{\"n\": {\"$ne\": 1}, \"c\": {}}"));
        c.add(gqlVars("required variable missing", "BAD_USER_INPUT", "admin", putVarNs(), "{\"c\": {}}"));
        c.add(gqlVars("required variable null", "BAD_USER_INPUT", "admin", putVarNs(), "{\"n\": null, \"c\": {}}"));
        c.add(gqlVars("JSON! variable null", "BAD_USER_INPUT", "admin", putVar("alpha", "{}"), "{\"c\": null}"));
        c.add(gqlVars("Int variable as a string", "BAD_USER_INPUT", "admin", historyVar(), "{\"f\": \"1\"}"));
        c.add(gqlVars("Int variable 2^31", "BAD_USER_INPUT", "admin", historyVar(), "{\"f\": 2147483648}"));
        c.add(gqlVars("Int variable 1.5", "BAD_USER_INPUT", "admin", historyVar(), "{\"f\": 1.5}"));
        c.add(gqlVars("Int variable an array", "BAD_USER_INPUT", "admin", historyVar(), "{\"f\": [1]}"));
        c.add(gqlVars(
                "DateTime variable that is no date",
                "BAD_USER_INPUT",
                "admin",
                "query($s: DateTime) { auditLog(namespace: \"alpha\", since: $s) { edges { cursor } } }",
                "{\"s\": \"yesterday\"}"));
        c.add(gqlVars(
                "ID variable {$gt: ''} (graphql-java stringifies it: no such key)",
                "NOT_FOUND",
                "admin",
                "mutation($id: ID!) { revokeApiKey(id: $id) { id } }",
                "{\"id\": {\"$gt\": \"\"}}"));
        c.add(gqlVars(
                "actor filter {$ne: null}",
                "BAD_USER_INPUT",
                "admin",
                "query($a: String) { auditLog(namespace: \"alpha\", actor: $a) { edges { cursor } } }",
                "{\"a\": {\"$ne\": null}}"));
        c.add(gqlVars(
                "dimension list holding null",
                "BAD_USER_INPUT",
                "admin",
                "mutation($d: [String!]) { createNamespace(name: \"pwned\", dimensions: $d) { name } }",
                "{\"d\": [\"environment\", null]}"));

        // Unknown namespaces, for the platform admin.
        c.add(gql(
                "resolveConfig of an unknown namespace",
                "NOT_FOUND",
                "admin",
                "{ resolveConfig(namespace: `nope`, scope: {}) { config } }"));
        c.add(gql("putLayer in an unknown namespace", "NOT_FOUND", "admin", put("nope", "{}", "{}")));
        c.add(gql(
                "deleteLayer in an unknown namespace",
                "NOT_FOUND",
                "admin",
                "mutation { deleteLayer(namespace: `nope`, selector: {}) { revision } }"));
        c.add(gql(
                "restoreRevision in an unknown namespace",
                "NOT_FOUND",
                "admin",
                "mutation { restoreRevision(namespace: `nope`, revision: 1) { revision } }"));
        c.add(gql(
                "registerSchema in an unknown namespace",
                "NOT_FOUND",
                "admin",
                "mutation { registerSchema(namespace: `nope`, schema: {}) { version } }"));
        c.add(gql(
                "history of an unknown namespace",
                "NOT_FOUND",
                "admin",
                "{ history(namespace: `nope`) { edges { cursor } } }"));
        c.add(gql(
                "diff of an unknown namespace",
                "NOT_FOUND",
                "admin",
                "{ diff(namespace: `nope`, fromRevision: 1) { toRevision } }"));
        c.add(gql(
                "auditLog of an unknown namespace",
                "NOT_FOUND",
                "admin",
                "{ auditLog(namespace: `nope`) { edges { cursor } } }"));
        c.add(gql(
                "verifyAudit of an unknown namespace",
                "NOT_FOUND",
                "admin",
                "{ verifyAudit(namespace: `nope`) { valid } }"));
        c.add(gql(
                "createApiKey in an unknown namespace",
                "NOT_FOUND",
                "admin",
                "mutation { createApiKey(namespace: `nope`, role: VIEWER) { secret } }"));

        // Names that look like injections, traversals, markup or control characters.
        for (String[] bad : new String[][] {
            {"SQL injection", "\"; drop database cascade; --"},
            {"Mongo operator", "{$ne: 1}"},
            {"path traversal", "../../etc/passwd"},
            {"markup", "<script>alert(1)</script>"},
            {"NUL", "alpha\u0000"},
            {"bidi override", "alpha\u202Egnp.exe"},
            {"64 characters", "a".repeat(64)},
            {"upper case", "Alpha"},
            {"empty", ""},
            {"leading underscore", "_platform"},
            {"leading dot", ".alpha"},
            {"trailing space", "alpha "},
            {"regex", ".*"}
        }) {
            c.add(gqlVars(
                    "createNamespace named: " + bad[0],
                    "BAD_USER_INPUT",
                    "admin",
                    "mutation($n: String!) { createNamespace(name: $n) { name } }",
                    "{\"n\": " + quote(bad[1]) + "}"));
        }
        for (String[] bad : new String[][] {
            {"path traversal", "../../etc/passwd"}, {"Mongo operator", "{$ne: 1}"}, {"NUL", "alpha\u0000"},
            {"upper case", "ALPHA"}, {"regex", ".*"}, {"64 characters", "a".repeat(64)}
        }) {
            c.add(gqlVars(
                    "namespace lookup named: " + bad[0],
                    "NOT_FOUND",
                    "admin",
                    "query($n: String!) { namespace(name: $n) { revision } }",
                    "{\"n\": " + quote(bad[1]) + "}"));
            c.add(gqlVars(
                    "auditLog of namespace named: " + bad[0],
                    "NOT_FOUND",
                    "admin",
                    "query($n: String!) { auditLog(namespace: $n) { edges { cursor } } }",
                    "{\"n\": " + quote(bad[1]) + "}"));
        }
        c.add(gqlVars(
                "alpha admin writes to namespace 'alpha\\u0000'",
                "FORBIDDEN",
                "alphaAdmin",
                putVarNs(),
                "{\"n\": \"alpha\\u0000\", \"c\": {}}"));
        c.add(gql(
                "createNamespace of an existing name",
                "CONFLICT",
                "admin",
                "mutation { createNamespace(name: `alpha`) { name } }"));
        c.add(gql(
                "dimension in upper case",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createNamespace(name: `pwned`, dimensions: [`Env`]) { name } }"));
        c.add(gql(
                "no dimensions",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createNamespace(name: `pwned`, dimensions: []) { name } }"));
        c.add(gql(
                "duplicate dimensions",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createNamespace(name: `pwned`, dimensions: [`a`, `a`]) { name } }"));
        c.add(
                gql(
                        "nine dimensions",
                        "BAD_USER_INPUT",
                        "admin",
                        "mutation { createNamespace(name: `pwned`, dimensions: [`a`,`b`,`c`,`d`,`e`,`f`,`g`,`h`,`i`]) { name } }"));
        c.add(gql(
                "dimension named $where",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createNamespace(name: `pwned`, dimensions: [`$where`]) { name } }"));

        // Selectors.
        for (String[] bad : new String[][] {
            {"a dimension alpha lacks", "{\"region\": \"eu\"}"},
            {"a $where member", "{\"$where\": \"1\"}"},
            {"a dotted member", "{\"environment.site\": \"x\"}"},
            {"an empty member name", "{\"\": \"x\"}"},
            {"a __proto__ member", "{\"__proto__\": \"x\"}"},
            {"'*' inside a value", "{\"tenant\": \"ac*me\"}"},
            {"a 129-character value", "{\"tenant\": \"" + "t".repeat(129) + "\"}"},
            {"an empty value", "{\"tenant\": \"\"}"},
            {"a number value", "{\"tenant\": 5}"},
            {"a boolean value", "{\"tenant\": true}"},
            {"a null value", "{\"tenant\": null}"},
            {"an array value", "{\"tenant\": [\"acme\"]}"},
            {"an operator object value", "{\"tenant\": {\"$ne\": 1}}"},
            {"a NUL in a value", "{\"tenant\": \"ac\\u0000me\"}"},
            {"a newline in a value", "{\"tenant\": \"ac\\nme\"}"},
            {"a DEL in a value", "{\"tenant\": \"ac\\u007fme\"}"},
            {"a C1 control in a value", "{\"tenant\": \"\\u0085\"}"},
            {"a bidi override in a value", "{\"tenant\": \"\\u202Eemca\"}"},
            {"a bidi isolate in a value", "{\"tenant\": \"ac\\u2066me\"}"},
            {"a string", "\"prod\""},
            {"an array", "[\"prod\"]"},
            {"a number", "7"}
        }) {
            c.add(gqlVars(
                    "putLayer selector with " + bad[0],
                    "BAD_USER_INPUT",
                    "admin",
                    "mutation($s: JSON!) { putLayer(namespace: \"alpha\", selector: $s, content: {name: \"x\"}) { revision } }",
                    "{\"s\": " + bad[1] + "}"));
        }
        c.add(gqlVars(
                "putLayer selector null",
                "BAD_USER_INPUT",
                "admin",
                "mutation($s: JSON!) { putLayer(namespace: \"alpha\", selector: $s, content: {}) { revision } }",
                "{\"s\": null}"));
        c.add(gql(
                "deleteLayer of a layer that does not exist",
                "NOT_FOUND",
                "admin",
                "mutation { deleteLayer(namespace: `alpha`, selector: {tenant: `ghost`}) { revision } }"));
        c.add(gql(
                "deleteLayer with '*' inside a value",
                "BAD_USER_INPUT",
                "admin",
                "mutation { deleteLayer(namespace: `alpha`, selector: {tenant: `*x`}) { revision } }"));
        c.add(gql(
                "validateLayer with an unknown dimension",
                "BAD_USER_INPUT",
                "admin",
                "{ validateLayer(namespace: `alpha`, selector: {planet: `earth`}, content: {}) { valid } }"));

        // Scopes.
        for (String[] bad : new String[][] {
            {"'*' as a value", "{\"environment\": \"*\"}"},
            {"an unknown dimension", "{\"environment\": \"prod\", \"planet\": \"earth\"}"},
            {"an array value", "{\"environment\": [\"prod\"]}"},
            {"a number value", "{\"environment\": 1}"},
            {"a bidi isolate", "{\"environment\": \"p\\u2066rod\"}"},
            {"a 129-character value", "{\"environment\": \"" + "e".repeat(129) + "\"}"},
            {"a tab", "{\"tenant\": \"a\\tb\"}"},
            {"a string", "\"prod\""},
            {"an array", "[]"}
        }) {
            c.add(gqlVars(
                    "resolveConfig scope with " + bad[0],
                    "BAD_USER_INPUT",
                    "admin",
                    "query($s: JSON!) { resolveConfig(namespace: \"alpha\", scope: $s) { config } }",
                    "{\"s\": " + bad[1] + "}"));
        }

        // Layer content that is not an object.
        for (String[] bad : new String[][] {
            {"a string", "\"pool\""}, {"a number", "42"}, {"an array", "[1, 2]"}, {"a boolean", "true"}
        }) {
            c.add(gqlVars(
                    "putLayer content " + bad[0],
                    "BAD_USER_INPUT",
                    "admin",
                    putVar("alpha", "{tenant: `acme`}"),
                    "{\"c\": " + bad[1] + "}"));
        }
        c.add(gql(
                "validateLayer content a string",
                "BAD_USER_INPUT",
                "admin",
                "{ validateLayer(namespace: `alpha`, selector: {}, content: `x`) { valid } }"));

        // Schema violations and illegal overrides.
        c.add(gql(
                "name of the wrong type",
                "VALIDATION_FAILED",
                "admin",
                put("alpha", "{}", "{name: 5, pool: {size: 10}}")));
        c.add(gql(
                "pool size below the minimum",
                "VALIDATION_FAILED",
                "admin",
                put("alpha", "{environment: `prod`}", "{pool: {size: 0}}")));
        c.add(gql(
                "defaults without the required name",
                "VALIDATION_FAILED",
                "admin",
                put("alpha", "{}", "{banner: `x`}")));
        c.add(gql(
                "name longer than maxLength",
                "VALIDATION_FAILED",
                "admin",
                put("alpha", "{tenant: `acme`}", "{name: `" + "n".repeat(41) + "`}")));
        c.add(gql(
                "pool set at a tenant",
                "ILLEGAL_OVERRIDE",
                "admin",
                put("alpha", "{tenant: `acme`}", "{pool: {size: 20}}")));
        c.add(gql(
                "pool set at a site", "ILLEGAL_OVERRIDE", "admin", put("alpha", "{site: `s1`}", "{pool: {size: 20}}")));
        c.add(gql(
                "deleting the defaults the other layers need",
                "VALIDATION_FAILED",
                "admin",
                "mutation { deleteLayer(namespace: `alpha`, selector: {}) { revision } }"));
        c.add(gql(
                "restoring a revision the schema rejects",
                "VALIDATION_FAILED",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: 2) { revision } }"));

        // Invalid schemas.
        for (String[] bad : new String[][] {
            {"an unknown type", "{\"type\": \"nonsense\"}"},
            {"a string", "\"object\""},
            {"an array", "[]"},
            {"a minimum that is a string", "{\"properties\": {\"a\": {\"minimum\": \"one\"}}}"},
            {
                "a lookbehind pattern RE2 cannot run",
                "{\"properties\": {\"name\": {\"type\": \"string\", \"pattern\": \"(?<=x)a\"}}}"
            },
            {
                "a pattern that does not compile",
                "{\"properties\": {\"name\": {\"type\": \"string\", \"pattern\": \"(\"}}}"
            },
            {
                "an override naming an unknown dimension",
                "{\"properties\": {\"pool\": {\"x-cascade-overridable\": [\"planet\"]}}}"
            },
            {
                "an override that is not a list",
                "{\"properties\": {\"pool\": {\"x-cascade-overridable\": \"environment\"}}}"
            },
            {"a remote $ref", "{\"$ref\": \"http://127.0.0.1:9/schema.json\"}"},
            {"a file $ref", "{\"$ref\": \"file:///etc/passwd\"}"},
            {"a $ref to itself", "{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}"}
        }) {
            c.add(gqlVars(
                    "registerSchema with " + bad[0],
                    "BAD_USER_INPUT",
                    "admin",
                    "mutation($s: JSON!) { registerSchema(namespace: \"alpha\", schema: $s) { version } }",
                    "{\"s\": " + bad[1] + "}"));
        }
        c.add(
                gql(
                        "a schema the current layers fail",
                        "VALIDATION_FAILED",
                        "admin",
                        "mutation { registerSchema(namespace: `alpha`, schema: {type: `object`, required: [`nope`]}) { version } }"));
        c.add(gqlVars(
                "a schema forbidding the prod override",
                "ILLEGAL_OVERRIDE",
                "admin",
                "mutation($s: JSON!) { registerSchema(namespace: \"alpha\", schema: $s) { version } }",
                "{\"s\": {\"type\": \"object\", \"properties\": {\"pool\": {\"x-cascade-overridable\": []}}}}"));

        // Pagination, cursors and revisions.
        c.add(gql(
                "history first -1",
                "BAD_USER_INPUT",
                "admin",
                "{ history(namespace: `alpha`, first: -1) { edges { cursor } } }"));
        c.add(gql(
                "history first 101",
                "BAD_USER_INPUT",
                "admin",
                "{ history(namespace: `alpha`, first: 101) { edges { cursor } } }"));
        c.add(gql(
                "history first 2^31-1",
                "BAD_USER_INPUT",
                "admin",
                "{ history(namespace: `alpha`, first: 2147483647) { edges { cursor } } }"));
        c.add(gql(
                "auditLog first -5",
                "BAD_USER_INPUT",
                "admin",
                "{ auditLog(namespace: `alpha`, first: -5) { edges { cursor } } }"));
        c.add(gql(
                "namespaces first 1000",
                "BAD_USER_INPUT",
                "admin",
                "{ namespaces(first: 1000) { edges { cursor } } }"));
        c.add(gql(
                "history cursor that is not base64",
                "BAD_USER_INPUT",
                "admin",
                "{ history(namespace: `alpha`, after: `!!!not base64`) { edges { cursor } } }"));
        c.add(gql(
                "history cursor of the audit log",
                "BAD_USER_INPUT",
                "admin",
                "{ history(namespace: `alpha`, after: `" + cursor("audit:3") + "`) { edges { cursor } } }"));
        c.add(gql(
                "history cursor revision:abc",
                "BAD_USER_INPUT",
                "admin",
                "{ history(namespace: `alpha`, after: `" + cursor("revision:abc") + "`) { edges { cursor } } }"));
        c.add(gql(
                "history cursor revision:99999999999",
                "BAD_USER_INPUT",
                "admin",
                "{ history(namespace: `alpha`, after: `" + cursor("revision:99999999999")
                        + "`) { edges { cursor } } }"));
        c.add(gql(
                "auditLog cursor of the history",
                "BAD_USER_INPUT",
                "admin",
                "{ auditLog(namespace: `alpha`, after: `" + cursor("revision:2") + "`) { edges { cursor } } }"));
        c.add(gql(
                "auditLog empty cursor",
                "BAD_USER_INPUT",
                "admin",
                "{ auditLog(namespace: `alpha`, after: ``) { edges { cursor } } }"));
        c.add(gql(
                "auditLog cursor audit:1 OR 1=1",
                "BAD_USER_INPUT",
                "admin",
                "{ auditLog(namespace: `alpha`, after: `" + cursor("audit:1 OR 1=1") + "`) { edges { cursor } } }"));
        c.add(gql(
                "namespaces cursor that is not base64",
                "BAD_USER_INPUT",
                "admin",
                "{ namespaces(after: `%%%`) { edges { cursor } } }"));
        c.add(gql(
                "resolveConfig asOfRevision 0",
                "NOT_FOUND",
                "admin",
                "{ resolveConfig(namespace: `alpha`, scope: {}, asOfRevision: 0) { config } }"));
        c.add(gql(
                "resolveConfig asOfRevision -1",
                "NOT_FOUND",
                "admin",
                "{ resolveConfig(namespace: `alpha`, scope: {}, asOfRevision: -1) { config } }"));
        c.add(gql(
                "resolveConfig asOfRevision 2^31-1",
                "NOT_FOUND",
                "admin",
                "{ resolveConfig(namespace: `alpha`, scope: {}, asOfRevision: 2147483647) { config } }"));
        c.add(gql(
                "layers asOfRevision 999",
                "NOT_FOUND",
                "admin",
                "{ namespace(name: `alpha`) { layers(asOfRevision: 999) { content } } }"));
        c.add(gql(
                "diff from revision 0",
                "NOT_FOUND",
                "admin",
                "{ diff(namespace: `alpha`, fromRevision: 0) { toRevision } }"));
        c.add(gql(
                "diff to revision 10000",
                "NOT_FOUND",
                "admin",
                "{ diff(namespace: `alpha`, fromRevision: 1, toRevision: 10000) { toRevision } }"));
        c.add(gql(
                "restore a future revision",
                "BAD_USER_INPUT",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: 100) { revision } }"));
        c.add(gql(
                "restore the current revision",
                "BAD_USER_INPUT",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: 6) { revision } }"));
        c.add(gql(
                "restore revision 2^31-1",
                "BAD_USER_INPUT",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: 2147483647) { revision } }"));
        c.add(gql(
                "restore revision 0",
                "NOT_FOUND",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: 0) { revision } }"));
        c.add(gql(
                "restore revision -7",
                "NOT_FOUND",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: -7) { revision } }"));

        // expectedRevision that does not match.
        for (int expected : new int[] {5, 7, 0, -1, Integer.MAX_VALUE}) {
            c.add(gql(
                    "putLayer expecting revision " + expected,
                    "CONFLICT",
                    "admin",
                    "mutation { putLayer(namespace: `alpha`, selector: {tenant: `t1`}, content: {banner: `b`}, expectedRevision: "
                            + expected + ") { revision } }"));
        }
        c.add(
                gql(
                        "deleteLayer expecting revision 1",
                        "CONFLICT",
                        "admin",
                        "mutation { deleteLayer(namespace: `alpha`, selector: {tenant: `acme`}, expectedRevision: 1) { revision } }"));
        c.add(
                gql(
                        "registerSchema expecting revision 1",
                        "CONFLICT",
                        "admin",
                        "mutation { registerSchema(namespace: `alpha`, schema: {type: `object`}, expectedRevision: 1) { version } }"));
        c.add(
                gql(
                        "registerSchema dry run expecting revision 1",
                        "CONFLICT",
                        "admin",
                        "mutation { registerSchema(namespace: `alpha`, schema: {type: `object`}, expectedRevision: 1, dryRun: true) { version } }"));
        c.add(gql(
                "restoreRevision expecting revision 2",
                "CONFLICT",
                "admin",
                "mutation { restoreRevision(namespace: `alpha`, revision: 3, expectedRevision: 2) { revision } }"));
        c.add(
                gql(
                        "beta putLayer expecting revision 2",
                        "CONFLICT",
                        "admin",
                        "mutation { putLayer(namespace: `beta`, selector: {}, content: {x: 9}, expectedRevision: 2) { revision } }"));

        // Roles.
        String goodPut = put("alpha", "{tenant: `t1`}", "{banner: `b`}");
        c.add(gql("viewer puts a layer", "FORBIDDEN", "alphaViewer", goodPut));
        c.add(gql(
                "viewer registers a schema",
                "FORBIDDEN",
                "alphaViewer",
                "mutation { registerSchema(namespace: `alpha`, schema: {type: `object`}) { version } }"));
        c.add(gql("approver lists keys", "FORBIDDEN", "alphaApprover", "{ apiKeys(namespace: `alpha`) { id } }"));
        c.add(gql(
                "editor registers a schema",
                "FORBIDDEN",
                "alphaEditor",
                "mutation { registerSchema(namespace: `alpha`, schema: {type: `object`}) { version } }"));
        c.add(gql(
                "editor creates a key",
                "FORBIDDEN",
                "alphaEditor",
                "mutation { createApiKey(namespace: `alpha`, role: ADMIN) { secret } }"));
        c.add(gql(
                "editor revokes a viewer key",
                "FORBIDDEN",
                "alphaEditor",
                "mutation { revokeApiKey(id: `{id:alphaViewer}`) { id } }"));
        c.add(gql(
                "namespace admin creates a namespace",
                "FORBIDDEN",
                "alphaAdmin",
                "mutation { createNamespace(name: `pwned`) { name } }"));
        c.add(gql(
                "namespace admin creates a platform key",
                "FORBIDDEN",
                "alphaAdmin",
                "mutation { createApiKey(role: ADMIN) { secret } }"));
        c.add(gql("namespace admin lists every key", "FORBIDDEN", "alphaAdmin", "{ apiKeys { id } }"));
        c.add(gql(
                "namespace admin reads the platform audit",
                "FORBIDDEN",
                "alphaAdmin",
                "{ auditLog(namespace: `_platform`) { edges { cursor } } }"));
        c.add(gql(
                "namespace admin verifies the platform audit",
                "FORBIDDEN",
                "alphaAdmin",
                "{ verifyAudit(namespace: `_platform`) { valid } }"));
        c.add(gql(
                "namespace admin revokes a platform key",
                "FORBIDDEN",
                "alphaAdmin",
                "mutation { revokeApiKey(id: `{id:platform2}`) { id } }"));
        c.add(gql("SDK key puts a layer", "FORBIDDEN", "alphaSdk", goodPut));
        c.add(gql(
                "SDK key deletes a layer",
                "FORBIDDEN",
                "alphaSdk",
                "mutation { deleteLayer(namespace: `alpha`, selector: {tenant: `acme`}) { revision } }"));
        c.add(gql(
                "SDK key registers a schema",
                "FORBIDDEN",
                "alphaSdk",
                "mutation { registerSchema(namespace: `alpha`, schema: {type: `object`}) { version } }"));
        c.add(gql(
                "SDK key restores a revision",
                "FORBIDDEN",
                "alphaSdk",
                "mutation { restoreRevision(namespace: `alpha`, revision: 3) { revision } }"));
        c.add(gql(
                "SDK key creates a key",
                "FORBIDDEN",
                "alphaSdk",
                "mutation { createApiKey(namespace: `alpha`, role: SDK, environment: `prod`) { secret } }"));
        c.add(gql(
                "SDK key revokes itself",
                "FORBIDDEN",
                "alphaSdk",
                "mutation { revokeApiKey(id: `{id:alphaSdk}`) { id } }"));
        c.add(gql(
                "SDK key resolves another environment",
                "FORBIDDEN",
                "alphaSdk",
                "{ resolveConfig(namespace: `alpha`, scope: {environment: `staging`}) { config } }"));
        c.add(gql(
                "SDK key resolves without an environment",
                "FORBIDDEN",
                "alphaSdk",
                "{ resolveConfig(namespace: `alpha`, scope: {tenant: `acme`}) { config } }"));
        c.add(gql(
                "SDK key resolves environment [prod]",
                "FORBIDDEN",
                "alphaSdk",
                "{ resolveConfig(namespace: `alpha`, scope: {environment: [`prod`]}) { config } }"));
        c.add(gql(
                "SDK key reads history",
                "FORBIDDEN",
                "alphaSdk",
                "{ history(namespace: `alpha`) { edges { cursor } } }"));
        c.add(gql(
                "SDK key reads the audit log",
                "FORBIDDEN",
                "alphaSdk",
                "{ auditLog(namespace: `alpha`) { edges { cursor } } }"));
        c.add(gql(
                "SDK key reads the layers",
                "FORBIDDEN",
                "alphaSdk",
                "{ namespace(name: `alpha`) { layers { content } } }"));
        c.add(gql("SDK key lists namespaces", "FORBIDDEN", "alphaSdk", "{ namespaces { edges { cursor } } }"));
        c.add(gql(
                "SDK key validates a layer",
                "FORBIDDEN",
                "alphaSdk",
                "{ validateLayer(namespace: `alpha`, selector: {}, content: {}) { valid } }"));
        c.add(gql("beta admin puts a layer in alpha", "FORBIDDEN", "betaAdmin", goodPut));
        c.add(gql(
                "beta admin resolves alpha",
                "FORBIDDEN",
                "betaAdmin",
                "{ resolveConfig(namespace: `alpha`, scope: {environment: `prod`}) { config } }"));
        c.add(gql(
                "beta admin reads alpha's audit",
                "FORBIDDEN",
                "betaAdmin",
                "{ auditLog(namespace: `alpha`) { edges { cursor } } }"));
        c.add(gql(
                "beta admin verifies alpha's audit",
                "FORBIDDEN",
                "betaAdmin",
                "{ verifyAudit(namespace: `alpha`) { valid } }"));
        c.add(gql(
                "beta admin creates a key in alpha",
                "FORBIDDEN",
                "betaAdmin",
                "mutation { createApiKey(namespace: `alpha`, role: ADMIN) { secret } }"));
        c.add(gql(
                "beta admin revokes alpha's admin key",
                "NOT_FOUND",
                "betaAdmin",
                "mutation { revokeApiKey(id: `{id:alphaAdmin}`) { id } }"));
        c.add(gql("beta admin writes to an unknown namespace", "FORBIDDEN", "betaAdmin", put("nope", "{}", "{}")));
        c.add(gql(
                "beta SDK key resolves alpha prod",
                "FORBIDDEN",
                "betaSdk",
                "{ resolveConfig(namespace: `alpha`, scope: {environment: `prod`}) { config } }"));
        c.add(gql(
                "alpha admin creates a key in beta",
                "FORBIDDEN",
                "alphaAdmin",
                "mutation { createApiKey(namespace: `beta`, role: VIEWER) { secret } }"));

        // Keys asked for wrongly.
        c.add(gql(
                "platform key with role VIEWER",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createApiKey(role: VIEWER) { secret } }"));
        c.add(gql(
                "platform key with role SDK",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createApiKey(role: SDK, environment: `prod`) { secret } }"));
        c.add(gql(
                "SDK key without an environment",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createApiKey(namespace: `alpha`, role: SDK) { secret } }"));
        c.add(gql(
                "SDK key for environment '*'",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createApiKey(namespace: `alpha`, role: SDK, environment: `*`) { secret } }"));
        c.add(gql(
                "SDK key for a blank environment",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createApiKey(namespace: `alpha`, role: SDK, environment: `   `) { secret } }"));
        c.add(gql(
                "SDK key for a 129-character environment",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createApiKey(namespace: `alpha`, role: SDK, environment: `" + "e".repeat(129)
                        + "`) { secret } }"));
        c.add(gql(
                "viewer key bound to an environment",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createApiKey(namespace: `alpha`, role: VIEWER, environment: `prod`) { secret } }"));
        c.add(gql(
                "key description of 201 characters",
                "BAD_USER_INPUT",
                "admin",
                "mutation { createApiKey(namespace: `alpha`, role: VIEWER, description: `" + "d".repeat(201)
                        + "`) { secret } }"));
        c.add(gqlVars(
                "key description with a BEL",
                "BAD_USER_INPUT",
                "admin",
                "mutation($d: String) { createApiKey(namespace: \"alpha\", role: VIEWER, description: $d) { secret } }",
                "{\"d\": \"ding\\u0007\"}"));
        c.add(gql(
                "revoke an unknown key",
                "NOT_FOUND",
                "admin",
                "mutation { revokeApiKey(id: `k_aaaaaaaaaaaaaaaa`) { id } }"));
        c.add(gql("revoke the empty id", "NOT_FOUND", "admin", "mutation { revokeApiKey(id: ``) { id } }"));
        c.add(gql(
                "revoke the bootstrap key", "NOT_FOUND", "admin", "mutation { revokeApiKey(id: `bootstrap`) { id } }"));
        c.add(gql("revoke a revoked key", "CONFLICT", "admin", "mutation { revokeApiKey(id: `{id:revoked}`) { id } }"));

        // Authentication.
        for (String[] bad : new String[][] {
            {"the word Bearer alone", "Bearer"},
            {"Bearer and blanks", "Bearer    "},
            {"Basic credentials", "Basic YWRtaW46YWRtaW4="},
            {"Bearer glued to the key", "Bearer{admin}"},
            {"Token scheme", "Token {admin}"},
            {"the key with one more character", "Bearer {admin}x"},
            {"the key twice", "Bearer {admin} {admin}"},
            {"a well-formed unknown key", "Bearer cas_k_aaaaaaaaaaaaaaaa_" + "A".repeat(43)},
            {"a key id with a wrong secret", "Bearer cas_{id:alphaAdmin}_" + "A".repeat(43)},
            {"600 characters", "Bearer " + "k".repeat(593)},
            {"a revoked key", "Bearer {revoked}"},
            {"SQL injection", "Bearer ' OR '1'='1"},
            {"a Mongo operator", "Bearer {\"$ne\": null}"},
            {"a path", "Bearer ../../bootstrap-admin.key"}
        }) {
            c.add(new Hostile(
                    "Authorization: " + bad[0],
                    "UNAUTHENTICATED",
                    new Request(
                            "POST",
                            "/graphql",
                            List.of(h("Authorization", bad[1]), h("Content-Type", "application/json")),
                            utf8(whoamiBody + "}"),
                            false)));
        }
        c.add(new Hostile(
                "no Authorization header",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(h("Content-Type", "application/json")),
                        utf8(whoamiBody + "}"),
                        false)));
        c.add(new Hostile(
                "a bad Authorization header before the admin's",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(
                                h("Authorization", "Bearer nope"),
                                h("Authorization", "Bearer {admin}"),
                                h("Content-Type", "application/json")),
                        utf8(whoamiBody + "}"),
                        false)));
        c.add(new Hostile(
                "Authorization with bytes that are not ASCII",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(h("Authorization", "Bearer \u00ff\u00fe\u00e9"), h("Content-Type", "application/json")),
                        utf8(whoamiBody + "}"),
                        true)));
        c.add(new Hostile(
                "no key, a 1.2 MiB body",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(h("Content-Type", "application/json")),
                        padded(MIB + MIB / 5),
                        false)));
        c.add(new Hostile(
                "no key, a hostile X-Request-Id",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(
                                h("Content-Type", "application/json"),
                                h("X-Request-Id", "<script>../../{$ne:1}</script>")),
                        utf8(whoamiBody + "}"),
                        false)));
        c.add(new Hostile(
                "no key, an X-Request-Id of 65 characters",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(h("Content-Type", "application/json"), h("X-Request-Id", "r".repeat(65))),
                        utf8(whoamiBody + "}"),
                        false)));
        c.add(new Hostile(
                "no key but Upgrade: websocket on a POST (whoami)",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(h("Content-Type", "application/json"), h("Upgrade", "websocket")),
                        utf8(whoamiBody + "}"),
                        true)));
        c.add(new Hostile(
                "no key but Upgrade: websocket on a POST (introspection)",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(h("Content-Type", "application/json"), h("Upgrade", "websocket")),
                        utf8("{\"query\": \"{ __schema { queryType { name } } }\"}"),
                        true)));
        c.add(new Hostile(
                "no key but Upgrade: websocket on a POST (createNamespace)",
                "UNAUTHENTICATED",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(h("Content-Type", "application/json"), h("Upgrade", "websocket")),
                        utf8(gqlBody("mutation { createNamespace(name: `pwned`) { name } }", null)),
                        true)));
        // What Tomcat refuses before our code runs: a JSON answer too, never its HTML page.
        c.add(new Hostile(
                "a request line with a character HTTP does not allow",
                "BAD_REQUEST",
                new Request("GET", "/gra{phql", List.of(h("Authorization", "Bearer {admin}")), new byte[0], true)));
        c.add(new Hostile(
                "a header of 20 KB",
                "BAD_REQUEST",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(
                                h("Authorization", "Bearer {admin}"),
                                h("Content-Type", "application/json"),
                                h("X-Big", "a".repeat(20_000))),
                        utf8(whoamiBody + "}"),
                        true)));
        c.add(new Hostile(
                "a header name with a space",
                "BAD_REQUEST",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(
                                h("Authorization", "Bearer {admin}"),
                                h("Content-Type", "application/json"),
                                h("Bad Header", "x")),
                        utf8(whoamiBody + "}"),
                        true)));
        // The error page, asked for directly: not found, never a 500.
        c.add(new Hostile(
                "GET /error without a key", "NOT_FOUND", new Request("GET", "/error", List.of(), new byte[0], false)));
        c.add(new Hostile(
                "POST /error without a key",
                "NOT_FOUND",
                new Request(
                        "POST",
                        "/error",
                        List.of(h("Content-Type", "application/json")),
                        utf8(whoamiBody + "}"),
                        false)));
        c.add(new Hostile(
                "POST /error with the admin key",
                "NOT_FOUND",
                new Request(
                        "POST",
                        "/error",
                        List.of(h("Authorization", "Bearer {admin}"), h("Content-Type", "application/json")),
                        utf8(whoamiBody + "}"),
                        false)));
        c.add(new Hostile(
                "DELETE /error accepting XML",
                "NOT_FOUND",
                new Request("DELETE", "/error", List.of(h("Accept", "application/xml")), new byte[0], false)));
        c.add(new Hostile(
                "Content-Length shorter than the body",
                "BAD_REQUEST",
                new Request(
                        "POST",
                        "/graphql",
                        List.of(
                                h("Authorization", "Bearer {admin}"),
                                h("Content-Type", "application/json"),
                                h("Content-Length", "5")),
                        utf8(whoamiBody + "}"),
                        true)));
        // Webhooks: targets the forgery guard refuses, unknown events, wrong keys, unknown ids.
        String createHook =
                "mutation { createWebhook(namespace: \"alpha\", url: URL, events: EVENTS, description: DESC) { id } }";
        String publicUrl = "\"https://93.184.216.34/hook\"";
        Map<String, String> refusedTargets = new LinkedHashMap<>();
        refusedTargets.put("a private address", "\"http://10.0.0.1/\"");
        refusedTargets.put("loopback in decimal", "\"http://2130706433/\"");
        refusedTargets.put("loopback in octal", "\"http://0177.0.0.1/\"");
        refusedTargets.put("IPv4-mapped loopback", "\"http://[::ffff:127.0.0.1]/\"");
        refusedTargets.put("the unspecified address", "\"http://[::]/\"");
        refusedTargets.put("localhost with a trailing dot", "\"http://localhost./\"");
        refusedTargets.put("user info before a public host", "\"http://127.0.0.1@93.184.216.34/\"");
        refusedTargets.put("the metadata service", "\"http://169.254.169.254/latest/meta-data/\"");
        refusedTargets.put("a file URL", "\"file:///etc/passwd\"");
        refusedTargets.put("a 3000-character URL", "\"https://93.184.216.34/" + "a".repeat(3000) + "\"");
        refusedTargets.forEach((what, url) -> c.add(gql(
                "createWebhook to " + what,
                "BAD_USER_INPUT",
                "admin",
                createHook.replace("URL", url).replace("EVENTS", "null").replace("DESC", "null"))));
        c.add(gql(
                "createWebhook for an unknown event",
                "BAD_USER_INPUT",
                "admin",
                createHook
                        .replace("URL", publicUrl)
                        .replace("EVENTS", "[\"revision.created\"]")
                        .replace("DESC", "null")));
        c.add(gql(
                "createWebhook with a 201-character description",
                "BAD_USER_INPUT",
                "admin",
                createHook
                        .replace("URL", publicUrl)
                        .replace("EVENTS", "null")
                        .replace("DESC", "\"" + "d".repeat(201) + "\"")));
        c.add(gql(
                "createWebhook with an EDITOR key",
                "FORBIDDEN",
                "alphaEditor",
                createHook.replace("URL", publicUrl).replace("EVENTS", "null").replace("DESC", "null")));
        c.add(gql(
                "createWebhook in another namespace",
                "FORBIDDEN",
                "betaAdmin",
                createHook.replace("URL", publicUrl).replace("EVENTS", "null").replace("DESC", "null")));
        c.add(gql(
                "updateWebhook of an unknown webhook",
                "NOT_FOUND",
                "admin",
                "mutation { updateWebhook(namespace: \"alpha\", id: \"wh_nope\", enabled: false) { id } }"));
        c.add(gql(
                "rotateWebhookSecret of an unknown webhook",
                "NOT_FOUND",
                "admin",
                "mutation { rotateWebhookSecret(namespace: \"alpha\", id: \"wh_nope\") { secret } }"));
        c.add(gql(
                "deleteWebhook of an unknown webhook",
                "NOT_FOUND",
                "admin",
                "mutation { deleteWebhook(namespace: \"alpha\", id: \"wh_nope\") { id } }"));
        c.add(
                gql(
                        "redeliverWebhook of an unknown delivery",
                        "NOT_FOUND",
                        "admin",
                        "mutation { redeliverWebhook(namespace: \"alpha\", webhookId: \"wh_nope\", deliveryId: \"x\") { id } }"));
        c.add(gql(
                "webhookDeliveries with a VIEWER key",
                "FORBIDDEN",
                "alphaViewer",
                "{ webhookDeliveries(namespace: \"alpha\", webhookId: \"wh_nope\") { edges { cursor } } }"));

        // Hosts: acknowledging revisions, the registry, and what standalone gateways read.
        String applied = "mutation { reportApplied(namespace: \"alpha\", hostId: HOST, scope: SCOPE, revision: REV) }";
        c.add(gql(
                "reportApplied with an SDK key of another environment",
                "FORBIDDEN",
                "alphaSdk",
                applied.replace("HOST", "\"h-1\"")
                        .replace("SCOPE", "{environment: \"dev\"}")
                        .replace("REV", "2")));
        c.add(gql(
                "reportApplied in another namespace",
                "FORBIDDEN",
                "betaSdk",
                applied.replace("HOST", "\"h-1\"")
                        .replace("SCOPE", "{environment: \"prod\"}")
                        .replace("REV", "2")));
        c.add(gql(
                "reportApplied with a host id of forbidden characters",
                "BAD_USER_INPUT",
                "alphaSdk",
                applied.replace("HOST", "\"h 1/\"")
                        .replace("SCOPE", "{environment: \"prod\"}")
                        .replace("REV", "2")));
        c.add(gql(
                "reportApplied with a 129-character host id",
                "BAD_USER_INPUT",
                "alphaSdk",
                applied.replace("HOST", "\"" + "h".repeat(129) + "\"")
                        .replace("SCOPE", "{environment: \"prod\"}")
                        .replace("REV", "2")));
        c.add(gql(
                "reportApplied of revision 0",
                "BAD_USER_INPUT",
                "alphaSdk",
                applied.replace("HOST", "\"h-1\"")
                        .replace("SCOPE", "{environment: \"prod\"}")
                        .replace("REV", "0")));
        c.add(gql(
                "reportApplied of a revision after the latest",
                "BAD_USER_INPUT",
                "alphaSdk",
                applied.replace("HOST", "\"h-1\"")
                        .replace("SCOPE", "{environment: \"prod\"}")
                        .replace("REV", "999")));
        c.add(gql(
                "reportApplied with a scope naming an unknown dimension",
                "BAD_USER_INPUT",
                "alphaSdk",
                applied.replace("HOST", "\"h-1\"")
                        .replace("SCOPE", "{environment: \"prod\", planet: \"mars\"}")
                        .replace("REV", "2")));
        String health =
                "mutation { reportHealth(namespace: \"alpha\", hostId: \"h-1\", revision: 2, metrics: METRICS) }";
        c.add(gql(
                "reportHealth with a string count",
                "BAD_USER_INPUT",
                "alphaSdk",
                health.replace("METRICS", "{requests: \"many\", errors: 0}")));
        c.add(gql(
                "reportHealth with more errors than requests",
                "BAD_USER_INPUT",
                "alphaSdk",
                health.replace("METRICS", "{requests: 1, errors: 2}")));
        c.add(gql(
                "reportHealth with a negative latency",
                "BAD_USER_INPUT",
                "alphaSdk",
                health.replace("METRICS", "{requests: 1, errors: 0, latencyP99Ms: -1}")));
        c.add(gql(
                "reportHealth with metrics that are not an object",
                "BAD_USER_INPUT",
                "alphaSdk",
                health.replace("METRICS", "[1, 2]")));
        c.add(gql(
                "reportHealth in another namespace",
                "FORBIDDEN",
                "betaSdk",
                health.replace("METRICS", "{requests: 1, errors: 0}")));
        c.add(gql(
                "flagSnapshot of another environment with an SDK key",
                "FORBIDDEN",
                "alphaSdk",
                "{ flagSnapshot(namespace: \"alpha\", environment: \"dev\") { revision } }"));
        c.add(
                gql(
                        "resolveConfig with a host id of forbidden characters",
                        "BAD_USER_INPUT",
                        "alphaSdk",
                        "{ resolveConfig(namespace: \"alpha\", scope: {environment: \"prod\"}, hostId: \"h 1\") { revision } }"));
        c.add(gql(
                "hosts with an SDK key",
                "FORBIDDEN",
                "alphaSdk",
                "{ hosts(namespace: \"alpha\") { edges { node { hostId } } } }"));
        c.add(gql(
                "gatewaySnapshot with a namespace admin key",
                "FORBIDDEN",
                "alphaAdmin",
                "{ gatewaySnapshot(namespace: \"alpha\") }"));
        String rollout = "mutation { startRollout(namespace: \"alpha\", plan: PLAN, changes: CHANGES) { id } }";
        String oneChange = "[{op: \"putLayer\", selector: {}, content: {limit: 1}}]";
        c.add(gql(
                "startRollout with a plan that is not an object",
                "BAD_USER_INPUT",
                "admin",
                rollout.replace("PLAN", "[1, 2]").replace("CHANGES", oneChange)));
        c.add(gql(
                "startRollout with a stage of two cohorts",
                "BAD_USER_INPUT",
                "admin",
                rollout.replace("PLAN", "{stages: [{hosts: {all: true, sites: [\"a\"]}}]}")
                        .replace("CHANGES", oneChange)));
        c.add(gql(
                "startRollout with a thousand stages",
                "LIMIT_EXCEEDED",
                "admin",
                rollout.replace("PLAN", "{stages: [" + "{hosts: {all: true}},".repeat(1000) + "]}")
                        .replace("CHANGES", oneChange)));
        c.add(gql(
                "startRollout with a change list of an unknown operation",
                "BAD_USER_INPUT",
                "admin",
                rollout.replace("PLAN", "{stages: [{hosts: {all: true}}]}")
                        .replace("CHANGES", "[{op: \"dropNamespace\"}]")));
        c.add(gql(
                "startRollout with an SDK key",
                "FORBIDDEN",
                "alphaSdk",
                rollout.replace("PLAN", "{stages: [{hosts: {all: true}}]}").replace("CHANGES", oneChange)));
        c.add(
                gql(
                        "reportHealth with more errors than requests",
                        "BAD_USER_INPUT",
                        "alphaSdk",
                        "mutation { reportHealth(namespace: \"alpha\", hostId: \"h-1\", revision: 1, metrics: {requests: 1, errors: 5}) }"));
        c.add(
                gql(
                        "reportHealth with a negative latency",
                        "BAD_USER_INPUT",
                        "alphaSdk",
                        "mutation { reportHealth(namespace: \"alpha\", hostId: \"h-1\", revision: 1, metrics: {requests: 1, errors: 0, latencyP99Ms: -3}) }"));
        c.add(
                gql(
                        "reportHealth with an SDK key of another namespace",
                        "FORBIDDEN",
                        "betaSdk",
                        "mutation { reportHealth(namespace: \"alpha\", hostId: \"h-1\", revision: 1, metrics: {requests: 1, errors: 0}) }"));
        c.add(gql(
                "abortRollout of a rollout that does not exist",
                "NOT_FOUND",
                "admin",
                "mutation { abortRollout(namespace: \"alpha\", id: \"ro-none\", reason: \"x\") { id } }"));
        c.add(
                gql(
                        "startRollout with a change request that does not exist",
                        "NOT_FOUND",
                        "admin",
                        "mutation { startRollout(namespace: \"alpha\", plan: {stages: [{hosts: {all: true}}]}, changeRequestId: \"cr-1\") { id } }"));
        c.add(
                gql(
                        "gatewayPresence with a namespace admin key",
                        "FORBIDDEN",
                        "alphaAdmin",
                        "mutation { gatewayPresence(connected: [{namespace: \"alpha\", hostId: \"h\", scope: {}}], disconnected: []) }"));
        c.add(
                gql(
                        "gatewayPresence with a host id of forbidden characters",
                        "BAD_USER_INPUT",
                        "admin",
                        "mutation { gatewayPresence(connected: [{namespace: \"alpha\", hostId: \"h h\", scope: {}}], disconnected: []) }"));
        c.add(gql(
                "gatewayRevisions after a revision that does not exist",
                "BAD_USER_INPUT",
                "admin",
                "{ gatewayRevisions(namespace: \"alpha\", after: 99) }"));
        // Change control: policies, multi-change commits, change requests.
        String commit = "mutation { commitChanges(namespace: \"alpha\", changes: %s) { revision } }";
        c.add(gql("commitChanges with an object, not a list", "BAD_USER_INPUT", "admin", commit.formatted("{}")));
        c.add(gql("commitChanges with an empty list", "BAD_USER_INPUT", "admin", commit.formatted("[]")));
        c.add(gql("commitChanges with an unknown op", "BAD_USER_INPUT", "admin", commit.formatted("[{op: \"drop\"}]")));
        c.add(gql(
                "commitChanges with an op lacking its selector",
                "BAD_USER_INPUT",
                "admin",
                commit.formatted("[{op: \"putLayer\", content: {}}]")));
        c.add(gql(
                "commitChanges with an unknown field",
                "BAD_USER_INPUT",
                "admin",
                commit.formatted("[{op: \"putLayer\", selector: {}, content: {}, sudo: true}]")));
        c.add(gql(
                "commitChanges twice on one layer",
                "BAD_USER_INPUT",
                "admin",
                commit.formatted("[{op: \"deleteLayer\", selector: {tenant: \"acme\"}},"
                        + " {op: \"putLayer\", selector: {tenant: \"acme\"}, content: {}}]")));
        c.add(gql(
                "commitChanges deleting a layer that does not exist",
                "NOT_FOUND",
                "admin",
                commit.formatted("[{op: \"deleteLayer\", selector: {tenant: \"nobody\"}}]")));
        c.add(gql(
                "commitChanges with one valid and one invalid layer",
                "VALIDATION_FAILED",
                "admin",
                commit.formatted("[{op: \"putLayer\", selector: {tenant: \"t1\"}, content: {banner: \"ok\"}},"
                        + " {op: \"putLayer\", selector: {environment: \"prod\"}, content: {pool: {size: 0}}}]")));
        c.add(gql(
                "commitChanges with 1001 operations",
                "LIMIT_EXCEEDED",
                "admin",
                commit.formatted("[" + "{op: \"deleteLayer\", selector: {}},".repeat(1001) + "]")));
        c.add(gql(
                "commitChanges by a viewer",
                "FORBIDDEN",
                "alphaViewer",
                commit.formatted("[{op: \"putLayer\", selector: {tenant: \"v\"}, content: {}}]")));
        c.add(gql(
                "commitChanges registering a schema by an editor",
                "FORBIDDEN",
                "alphaEditor",
                commit.formatted("[{op: \"registerSchema\", schema: {}}]")));
        c.add(gql(
                "commitChanges with a break-glass by a namespace admin, nothing protected, invalid change",
                "VALIDATION_FAILED",
                "alphaAdmin",
                "mutation { commitChanges(namespace: \"alpha\", breakGlass: \"x\", changes: [{op: \"putLayer\","
                        + " selector: {environment: \"prod\"}, content: {pool: {size: -1}}}]) { revision } }"));
        c.add(gql(
                "validateChanges with a string",
                "BAD_USER_INPUT",
                "admin",
                "{ validateChanges(namespace: \"alpha\", changes: \"all\") { valid } }"));
        String propose = "mutation { proposeChange(namespace: \"alpha\", title: %s, changes: %s) { id } }";
        String oneLayer = "[{op: \"putLayer\", selector: {tenant: \"t2\"}, content: {}}]";
        c.add(gql("proposeChange with an empty title", "BAD_USER_INPUT", "admin", propose.formatted("\"\"", oneLayer)));
        c.add(gql(
                "proposeChange with a title of 201 characters",
                "BAD_USER_INPUT",
                "admin",
                propose.formatted("\"" + "t".repeat(201) + "\"", oneLayer)));
        c.add(gql(
                "proposeChange with a bidi control in the title",
                "BAD_USER_INPUT",
                "admin",
                propose.formatted("\"a\\u202eb\"", oneLayer)));
        c.add(gql(
                "proposeChange that would not validate",
                "VALIDATION_FAILED",
                "admin",
                propose.formatted("\"bad\"", "[{op: \"putLayer\", selector: {}, content: {name: 42}}]")));
        c.add(gql("proposeChange by a viewer", "FORBIDDEN", "alphaViewer", propose.formatted("\"x\"", oneLayer)));
        c.add(gql("proposeChange by an SDK key", "FORBIDDEN", "alphaSdk", propose.formatted("\"x\"", oneLayer)));
        c.add(gql(
                "proposeChange in another namespace", "FORBIDDEN", "betaAdmin", propose.formatted("\"x\"", oneLayer)));
        c.add(gql(
                "proposeChange with a base revision from the future",
                "BAD_USER_INPUT",
                "admin",
                "mutation { proposeChange(namespace: \"alpha\", title: \"x\", baseRevision: 99, changes: " + oneLayer
                        + ") { id } }"));
        for (String step : List.of("approveChange", "rejectChange")) {
            c.add(gql(
                    step + " of a change request that does not exist",
                    "NOT_FOUND",
                    "alphaApprover",
                    "mutation { " + step + "(namespace: \"alpha\", id: \"7\") { id } }"));
            c.add(gql(
                    step + " with an id that is a path",
                    "NOT_FOUND",
                    "alphaApprover",
                    "mutation { " + step + "(namespace: \"alpha\", id: \"../alpha/1\") { id } }"));
        }
        c.add(gql(
                "approveChange by an editor",
                "FORBIDDEN",
                "alphaEditor",
                "mutation { approveChange(namespace: \"alpha\", id: \"1\") { id } }"));
        c.add(gql(
                "reviseChange of a change request that does not exist",
                "NOT_FOUND",
                "admin",
                "mutation { reviseChange(namespace: \"alpha\", id: \"1\", changes: " + oneLayer + ") { id } }"));
        c.add(gql(
                "commentChange with an empty comment",
                "BAD_USER_INPUT",
                "admin",
                "mutation { commentChange(namespace: \"alpha\", id: \"1\", comment: \" \") { id } }"));
        c.add(gql(
                "applyChange of a change request that does not exist",
                "NOT_FOUND",
                "admin",
                "mutation { applyChange(namespace: \"alpha\", id: \"1\", breakGlass: \"why not\") { revision } }"));
        c.add(gql(
                "changeRequests with a cursor of another list",
                "BAD_USER_INPUT",
                "admin",
                "{ changeRequests(namespace: \"alpha\", after: \"bmFtZXNwYWNlOmFscGhh\") { edges { cursor } } }"));
        c.add(gql(
                "changeRequests with first 101",
                "BAD_USER_INPUT",
                "admin",
                "{ changeRequests(namespace: \"alpha\", first: 101) { edges { cursor } } }"));
        c.add(gql(
                "changeRequest of a namespace that does not exist",
                "NOT_FOUND",
                "admin",
                "{ changeRequest(namespace: \"pwned\", id: \"1\") { id } }"));
        String policy =
                "mutation { putEnvironmentPolicy(namespace: \"alpha\", environment: %s, policy: %s) { environment } }";
        c.add(gql(
                "putEnvironmentPolicy by an approver",
                "FORBIDDEN",
                "alphaApprover",
                policy.formatted("\"prod\"", "{requiredApprovals: 1}")));
        c.add(gql(
                "putEnvironmentPolicy with 99 approvals",
                "BAD_USER_INPUT",
                "admin",
                policy.formatted("\"prod\"", "{requiredApprovals: 99}")));
        c.add(gql(
                "putEnvironmentPolicy for environment *",
                "BAD_USER_INPUT",
                "admin",
                policy.formatted("\"*\"", "{requiredApprovals: 1}")));
        c.add(gql(
                "putEnvironmentPolicy with an SDK approver role",
                "BAD_USER_INPUT",
                "admin",
                policy.formatted("\"prod\"", "{requiredApprovals: 1, approverRole: SDK}")));
        c.add(gql(
                "putEnvironmentPolicy without requiredApprovals",
                "GRAPHQL_VALIDATION_FAILED",
                "admin",
                policy.formatted("\"prod\"", "{}")));
        c.add(gql(
                "putEnvironmentPolicy in a namespace that does not exist",
                "NOT_FOUND",
                "admin",
                "mutation { putEnvironmentPolicy(namespace: \"pwned\", environment: \"prod\", policy:"
                        + " {requiredApprovals: 1}) { environment } }"));
        c.add(gql(
                "putLayer with a break-glass by an editor, invalid content",
                "VALIDATION_FAILED",
                "alphaEditor",
                "mutation { putLayer(namespace: \"alpha\", selector: {environment: \"prod\"}, content: {pool: {size: 0}},"
                        + " breakGlass: \"x\") { revision } }"));
        return c;
    }

    // ---- building requests ----------------------------------------------------------------------

    /** A request: method, path, headers ({@code {admin}}, {@code {id:alias}} filled in when sent), body. */
    record Request(String method, String path, List<Map.Entry<String, String>> headers, byte[] body, boolean socket) {
        String fingerprint() {
            try {
                String digest = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(body));
                return method + " " + path + " " + headers + " " + digest;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One hostile request, the code it must be refused with, and a name to read in the report. */
    record Hostile(String name, String expected, Request request) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map.Entry<String, String> h(String name, String value) {
        return Map.entry(name, value);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Hostile gql(String name, String expected, String who, String query) {
        return bytes(name, expected, who, "application/json", utf8(gqlBody(query, null)));
    }

    static Hostile gqlVars(String name, String expected, String who, String query, String variablesJson) {
        return bytes(name, expected, who, "application/json", utf8(gqlBody(query, variablesJson)));
    }

    static Hostile body(String name, String expected, String body) {
        return raw(name, expected, "admin", "application/json", body);
    }

    static Hostile raw(String name, String expected, String who, String contentType, String body) {
        return bytes(name, expected, who, contentType, utf8(body));
    }

    static Hostile bytes(String name, String expected, String who, String contentType, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (who != null) {
            headers.add(h("Authorization", "Bearer {" + who + "}"));
        }
        if (contentType != null) {
            headers.add(h("Content-Type", contentType));
        }
        return new Hostile(name, expected, new Request("POST", "/graphql", headers, body, false));
    }

    /** A GraphQL request body; a backtick in the query stands for a double quote. */
    static String gqlBody(String query, String variablesJson) {
        String text = "{\"query\": " + GraphQlClient.JSON.writeValueAsString(query.replace('`', '"'));
        return variablesJson == null ? text + "}" : text + ", \"variables\": " + variablesJson + "}";
    }

    static String put(String namespace, String selector, String content) {
        return "mutation { putLayer(namespace: `" + namespace + "`, selector: " + selector + ", content: " + content
                + ") { revision } }";
    }

    static String putVar(String namespace, String selector) {
        return "mutation($c: JSON!) { putLayer(namespace: `" + namespace + "`, selector: " + selector
                + ", content: $c) { revision } }";
    }

    static String putVarNs() {
        return "mutation($n: String!, $c: JSON!) { putLayer(namespace: $n, selector: {}, content: $c) { revision } }";
    }

    static String historyVar() {
        return "query($f: Int) { history(namespace: \"alpha\", first: $f) { edges { cursor } } }";
    }

    static String quote(String text) {
        return GraphQlClient.JSON.writeValueAsString(text);
    }

    static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(text));
    }

    static String nestedJson(int depth) {
        return "{\"a\": ".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    static String nestedLiteral(int depth) {
        return "{a: ".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    static String aliases(int count, String field) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            out.append(" a").append(i).append(": ").append(field);
        }
        return out.append(" }").toString();
    }

    static String fragments(int count) {
        StringBuilder query = new StringBuilder("{");
        StringBuilder defs = new StringBuilder();
        for (int i = 0; i < count; i++) {
            query.append(" ...F").append(i);
            defs.append(" fragment F")
                    .append(i)
                    .append(" on Query { a")
                    .append(i)
                    .append(": whoami { keyId } }");
        }
        return query.append(" }").append(defs).toString();
    }

    /** {@code count} fragments, each one aliased field and a spread of the next. */
    static String chainedFragments(int count) {
        StringBuilder query = new StringBuilder("query { ...F0 }\n");
        for (int i = 0; i < count; i++) {
            query.append("fragment F")
                    .append(i)
                    .append(" on Query { a")
                    .append(i)
                    .append(": whoami { keyId }");
            if (i + 1 < count) {
                query.append(" ...F").append(i + 1);
            }
            query.append(" }\n");
        }
        return query.toString();
    }

    /** Each fragment spreads the next twice, the last one field. */
    static String doublingFragments(int levels) {
        StringBuilder query = new StringBuilder("query { ...F0 }\n");
        for (int i = 0; i < levels; i++) {
            query.append("fragment F")
                    .append(i)
                    .append(" on Query { ...F")
                    .append(i + 1)
                    .append(" ...F")
                    .append(i + 1)
                    .append(" }\n");
        }
        return query.append("fragment F")
                .append(levels)
                .append(" on Query { whoami { keyId } }\n")
                .toString();
    }

    /** A well-formed GraphQL request of exactly {@code size} bytes. */
    static byte[] padded(int size) {
        String head = "{\"query\": \"{ whoami { keyId } }\", \"variables\": {\"pad\": \"";
        String tail = "\"}}";
        return utf8(head + "p".repeat(size - head.length() - tail.length()) + tail);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    // ---- sending --------------------------------------------------------------------------------

    /** An HTTP answer: status, headers (lower-case names) and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() > 600 ? text.substring(0, 600) + "..." : text;
        }

        JsonNode json() {
            try {
                JsonNode node = GraphQlClient.JSON.readTree(body);
                return node != null && node.isObject() ? node : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    static String fill(String template) {
        String out = template;
        for (Map.Entry<String, String> id : IDS.entrySet()) {
            out = out.replace("{id:" + id.getKey() + "}", id.getValue());
        }
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            out = out.replace("{" + secret.getKey() + "}", secret.getValue());
        }
        return out;
    }

    static Answer send(Request request) {
        byte[] body = request.body();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.contains("{id:")) {
            body = utf8(fill(text));
        }
        return request.socket() ? sendBySocket(request, body) : sendByClient(request, body);
    }

    static Answer sendByClient(Request request, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(SERVER.get().baseUrl() + request.path()))
                .timeout(Duration.ofSeconds(60));
        boolean chunked = false;
        for (Map.Entry<String, String> header : request.headers()) {
            if (header.getKey().equals("X-Chunked")) {
                chunked = true;
                continue;
            }
            builder.header(header.getKey(), fill(header.getValue()));
        }
        HttpRequest.BodyPublisher publisher = body.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body);
        builder.method(request.method(), publisher);
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("sending " + request.method() + " " + request.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** For what java.net.http refuses to send: lying lengths, bytes that are not ASCII, Upgrade headers. */
    static Answer sendBySocket(Request request, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", SERVER.get().port())) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((request.method() + " " + request.path() + " HTTP/1.0\r\nHost: 127.0.0.1\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            boolean length = false;
            for (Map.Entry<String, String> header : request.headers()) {
                length |= header.getKey().equalsIgnoreCase("Content-Length");
                head.writeBytes((header.getKey() + ": " + fill(header.getValue()) + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
            if (!length) {
                head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            out.write(body);
            out.flush();
            byte[] all = readAll(socket.getInputStream());
            int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String[] lines = new String(all, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(
                        lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] rest = java.util.Arrays.copyOfRange(all, split + 4, all.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                rest = dechunk(rest);
            }
            return new Answer(status, headers, rest);
        } catch (IOException e) {
            throw new IllegalStateException("sending " + request.method() + " " + request.path() + " by socket", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // the server may reset after answering; keep what arrived
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no end of headers in " + new String(data, StandardCharsets.ISO_8859_1));
    }

    private static byte[] dechunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < data.length) {
            int eol = at;
            while (eol + 1 < data.length && !(data[eol] == '\r' && data[eol + 1] == '\n')) {
                eol++;
            }
            String sizeText = new String(data, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(data, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    // ---- state ----------------------------------------------------------------------------------

    /** What must not change: the API's view of every namespace and key, the collections, the chains. */
    record Snapshot(
            JsonNode state,
            long revisions,
            long audit,
            long keys,
            long hosts,
            long webhooks,
            Map<String, Boolean> verified) {}

    static Snapshot snapshot() {
        JsonNode state = admin.data(SNAPSHOT, Map.of());
        MongoDatabase db = SERVER.get().bean(MongoDatabase.class);
        Map<String, Boolean> verified = new LinkedHashMap<>();
        for (String ns : List.of("alpha", "beta", "_platform")) {
            verified.put(
                    ns,
                    admin.data(AuditIT.VERIFY, vars("n", ns))
                            .at("/verifyAudit/valid")
                            .asBoolean());
        }
        return new Snapshot(
                state,
                db.getCollection("revisions").countDocuments(),
                db.getCollection("audit").countDocuments(),
                db.getCollection("api_keys").countDocuments(),
                db.getCollection("hosts").countDocuments()
                        + db.getCollection("changeRequests").countDocuments()
                        + db.getCollection("policies").countDocuments()
                        + db.getCollection("rollouts").countDocuments()
                        + db.getCollection("host_health").countDocuments(),
                db.getCollection("webhooks").countDocuments(),
                verified);
    }

    static void setLayer(String ns, String selector, String content) {
        admin.data(PUT, vars("n", ns, "s", json(selector), "c", json(content)));
    }

    static void key(String alias, String namespace, String role, String environment) {
        JsonNode created = admin.data(
                        SecurityIT.CREATE_KEY, vars("n", namespace, "r", role, "e", environment, "d", alias))
                .get("createApiKey");
        SECRETS.put(alias, created.get("secret").asString());
        IDS.put(alias, created.get("id").asString());
    }

    static int revision(String ns) {
        return admin.data(ConfigApiIT.LAYERS, vars("n", ns))
                .at("/namespace/revision")
                .asInt();
    }

    static JsonNode layerContent(String ns, int revision) {
        for (JsonNode layer : admin.data(ConfigApiIT.LAYERS, vars("n", ns)).at("/namespace/layers")) {
            if (layer.get("revision").asInt() == revision) {
                return layer.get("content");
            }
        }
        throw new AssertionError("no layer of revision " + revision + " in " + ns);
    }
}
