package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Protected environments refuse direct writes; the platform admin's break-glass is the audited way round. */
class EnvironmentPolicyIT {

    static final String POLICY =
            "mutation($n: String!, $env: String!, $p: EnvironmentPolicyInput!) { putEnvironmentPolicy(namespace: $n,"
                    + " environment: $env, policy: $p) { environment requiredApprovals approverRole expiresAfterHours protected } }";
    static final String POLICIES =
            "query($n: String!) { environmentPolicies(namespace: $n) { environment requiredApprovals protected } }";
    static final String PUT =
            "mutation($n: String!, $s: JSON!, $c: JSON!, $bg: String) { putLayer(namespace: $n, selector: $s, content: $c,"
                    + " breakGlass: $bg) { revision } }";
    static final String RESTORE =
            "mutation($n: String!, $r: Int!) { restoreRevision(namespace: $n, revision: $r) { revision } }";
    static final String PUT_FLAG = "mutation($n: String!, $f: JSON!) { putFlag(namespace: $n, flag: $f) { revision } }";
    static final String PUT_SEGMENT =
            "mutation($n: String!, $s: JSON!) { putSegment(namespace: $n, segment: $s) { revision } }";
    static final String REVISION = "query($n: String!) { namespace(name: $n) { revision } }";

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestServer server;
    private static GraphQlClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String protectedNamespace() {
        String ns = "policy-" + NAMES.incrementAndGet();
        admin.data(ConfigApiIT.CREATE, vars("n", ns));
        admin.data(PUT, vars("n", ns, "s", Map.of("environment", "prod"), "c", Map.of("pool", 1)));
        admin.data(POLICY, vars("n", ns, "env", "prod", "p", Map.of("requiredApprovals", 2)));
        return ns;
    }

    private static int revision(String ns) {
        return admin.data(REVISION, vars("n", ns)).at("/namespace/revision").asInt();
    }

    @Test
    void aPolicyIsSetByAnAdminAndAudited() {
        String ns = protectedNamespace();
        JsonNode policies = admin.data(POLICIES, vars("n", ns)).get("environmentPolicies");
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0).get("protected").asBoolean()).isTrue();
        GraphQlClient editor = SecurityITKeys.key(server, admin, ns, "EDITOR", "ed");
        assertThat(editor.post(POLICY, vars("n", ns, "env", "prod", "p", Map.of("requiredApprovals", 0)))
                        .code())
                .isEqualTo("FORBIDDEN");
        JsonNode entry =
                admin.data(AuditIT.LOG, vars("n", ns, "action", "policy.put")).at("/auditLog/edges/0/node");
        assertThat(entry.get("target").toString()).contains("prod");
        assertThat(entry.get("after").toString()).contains("\"requiredApprovals\":2");
    }

    @Test
    void badPoliciesAreRefusedAndChangeNothing() {
        String ns = protectedNamespace();
        assertThat(admin.post(POLICY, vars("n", ns, "env", "prod", "p", Map.of("requiredApprovals", -1)))
                        .code())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(admin.post(POLICY, vars("n", ns, "env", "prod", "p", Map.of("requiredApprovals", 11)))
                        .code())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(admin.post(POLICY, vars("n", ns, "env", "a*b", "p", Map.of("requiredApprovals", 1)))
                        .code())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(admin.post(
                                POLICY,
                                vars(
                                        "n",
                                        ns,
                                        "env",
                                        "prod",
                                        "p",
                                        Map.of("requiredApprovals", 1, "approverRole", "EDITOR")))
                        .code())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(admin.post(
                                POLICY,
                                vars(
                                        "n",
                                        ns,
                                        "env",
                                        "prod",
                                        "p",
                                        Map.of("requiredApprovals", 1, "expiresAfterHours", 0)))
                        .code())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(admin.data(POLICIES, vars("n", ns))
                        .at("/environmentPolicies/0/requiredApprovals")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void directWritesThatTouchAProtectedEnvironmentAreRefusedWhoeverSendsThem() {
        String ns = protectedNamespace();
        int before = revision(ns);
        GraphQlClient editor = SecurityITKeys.key(server, admin, ns, "EDITOR", "ed");
        GraphQlClient nsAdmin = SecurityITKeys.key(server, admin, ns, "ADMIN", "boss");
        Map<String, Object> prod = Map.of("environment", "prod");
        assertThat(editor.post(PUT, vars("n", ns, "s", prod, "c", Map.of("pool", 2)))
                        .code())
                .isEqualTo("APPROVAL_REQUIRED");
        assertThat(nsAdmin.post(PUT, vars("n", ns, "s", prod, "c", Map.of("pool", 2)))
                        .code())
                .isEqualTo("APPROVAL_REQUIRED");
        assertThat(admin.post(PUT, vars("n", ns, "s", prod, "c", Map.of("pool", 2)))
                        .code())
                .isEqualTo("APPROVAL_REQUIRED");
        assertThat(editor.post(PUT, vars("n", ns, "s", Map.of(), "c", Map.of("pool", 2)))
                        .code())
                .as("a * environment touches every one")
                .isEqualTo("APPROVAL_REQUIRED");
        assertThat(editor.post(
                                PUT_SEGMENT,
                                vars("n", ns, "s", Map.of("key", "beta", "included", java.util.List.of("a"))))
                        .code())
                .as("a segment touches every environment")
                .isEqualTo("APPROVAL_REQUIRED");
        assertThat(editor.post(RESTORE, vars("n", ns, "r", 1)).code()).isEqualTo("APPROVAL_REQUIRED");
        assertThat(revision(ns)).isEqualTo(before);

        assertThat(editor.data(PUT, vars("n", ns, "s", Map.of("environment", "staging"), "c", Map.of("pool", 3)))
                        .at("/putLayer/revision")
                        .asInt())
                .isEqualTo(before + 1);
    }

    @Test
    void aFlagChangeTouchesOnlyTheEnvironmentsWhoseBlockChanged() {
        String ns = protectedNamespace();
        admin.data(POLICY, vars("n", ns, "env", "prod", "p", Map.of("requiredApprovals", 0)));
        String flag = """
            { "key": "f", "type": "boolean", "variations": { "on": true, "off": false },
              "environments": {
                "prod": { "enabled": true, "offVariation": "off", "fallthrough": { "serve": "off" } },
                "staging": { "enabled": true, "offVariation": "off", "fallthrough": { "serve": "off" } } } }
            """;
        admin.data(PUT_FLAG, vars("n", ns, "f", json(flag)));
        admin.data(POLICY, vars("n", ns, "env", "prod", "p", Map.of("requiredApprovals", 1)));
        GraphQlClient editor = SecurityITKeys.key(server, admin, ns, "EDITOR", "ed");
        String stagingOn = flag.replace(
                "\"staging\": { \"enabled\": true, \"offVariation\": \"off\", \"fallthrough\": { \"serve\": \"off\" }",
                "\"staging\": { \"enabled\": true, \"offVariation\": \"off\", \"fallthrough\": { \"serve\": \"on\" }");
        assertThat(editor.post(PUT_FLAG, vars("n", ns, "f", json(stagingOn))).errors())
                .isEmpty();
        String prodOn = stagingOn.replace(
                "\"prod\": { \"enabled\": true, \"offVariation\": \"off\", \"fallthrough\": { \"serve\": \"off\" }",
                "\"prod\": { \"enabled\": true, \"offVariation\": \"off\", \"fallthrough\": { \"serve\": \"on\" }");
        assertThat(editor.post(PUT_FLAG, vars("n", ns, "f", json(prodOn))).code())
                .isEqualTo("APPROVAL_REQUIRED");
        String offIsNowTrue = stagingOn.replace("\"off\": false", "\"off\": true");
        assertThat(editor.post(PUT_FLAG, vars("n", ns, "f", json(offIsNowTrue))).code())
                .as("prod serves the variation whose value changed")
                .isEqualTo("APPROVAL_REQUIRED");
    }

    @Test
    void breakGlassIsForThePlatformAdminWithAReasonAndIsAudited() {
        String ns = protectedNamespace();
        GraphQlClient nsAdmin = SecurityITKeys.key(server, admin, ns, "ADMIN", "boss");
        Map<String, Object> prod = Map.of("environment", "prod");
        assertThat(nsAdmin.post(PUT, vars("n", ns, "s", prod, "c", Map.of("pool", 2), "bg", "db down"))
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(admin.post(PUT, vars("n", ns, "s", prod, "c", Map.of("pool", 2), "bg", "  "))
                        .code())
                .isEqualTo("BAD_USER_INPUT");
        int revision = admin.data(PUT, vars("n", ns, "s", prod, "c", Map.of("pool", 2), "bg", "INC-42 pool exhausted"))
                .at("/putLayer/revision")
                .asInt();
        JsonNode entry = admin.data(AuditIT.LOG, vars("n", ns, "action", "policy.break-glass"))
                .at("/auditLog/edges/0/node");
        assertThat(entry.get("revision").asInt()).isEqualTo(revision);
        assertThat(entry.get("message").asString()).contains("INC-42 pool exhausted");
        assertThat(entry.get("target").toString()).contains("prod");
        assertThat(admin.data(AuditIT.VERIFY, vars("n", ns))
                        .at("/verifyAudit/valid")
                        .asBoolean())
                .isTrue();
    }
}
