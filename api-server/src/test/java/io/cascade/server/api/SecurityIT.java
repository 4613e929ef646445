package io.cascade.server.api;

import static io.cascade.server.api.ConfigApiIT.CREATE;
import static io.cascade.server.api.ConfigApiIT.PUT;
import static io.cascade.server.api.ConfigApiIT.RESOLVE;
import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.GraphQlClient.Response;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every operation needs a key, and a key can do only what its role allows in its namespace. */
class SecurityIT {

    static final String CREATE_KEY =
            "mutation($n: String, $r: Role!, $e: String, $d: String) { createApiKey(namespace: $n, role: $r, environment: $e, description: $d) { id secret key { id namespace role environment description platformAdmin createdBy } } }";
    static final String REVOKE = "mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static GraphQlClient admin;
    private static GraphQlClient adminOfA;
    private static GraphQlClient viewerOfA;
    private static GraphQlClient sdkOfA;

    @BeforeAll
    static void start() {
        admin = SERVER.get().client();
        admin.data(CREATE, vars("n", "alpha"));
        admin.data(CREATE, vars("n", "beta"));
        admin.data(PUT, vars("n", "alpha", "s", json("{}"), "c", json("{\"a\": 1}")));
        admin.data(PUT, vars("n", "alpha", "s", json("{\"environment\": \"prod\"}"), "c", json("{\"a\": 2}")));
        admin.data(PUT, vars("n", "beta", "s", json("{}"), "c", json("{\"secret\": \"b\"}")));
        adminOfA = key("alpha", "ADMIN", null);
        viewerOfA = key("alpha", "VIEWER", null);
        sdkOfA = key("alpha", "SDK", "prod");
    }

    static GraphQlClient key(String namespace, String role, String environment) {
        JsonNode created = admin.data(
                        CREATE_KEY, vars("n", namespace, "r", role, "e", environment, "d", role + " of " + namespace))
                .get("createApiKey");
        return SERVER.get().anonymousClient().withKey(created.get("secret").asString());
    }

    /** Every query and mutation, aimed at namespace beta. */
    static List<String[]> everyOperationOnBeta() {
        return List.of(
                new String[] {
                    "resolveConfig", "{ resolveConfig(namespace: \"beta\", scope: {environment: \"prod\"}) { config } }"
                },
                new String[] {"history", "{ history(namespace: \"beta\") { edges { cursor } } }"},
                new String[] {"namespace", "{ namespace(name: \"beta\") { revision } }"},
                new String[] {"diff", "{ diff(namespace: \"beta\", fromRevision: 1) { toRevision } }"},
                new String[] {
                    "validateLayer", "{ validateLayer(namespace: \"beta\", selector: {}, content: {}) { valid } }"
                },
                new String[] {"auditLog", "{ auditLog(namespace: \"beta\") { edges { cursor } } }"},
                new String[] {"verifyAudit", "{ verifyAudit(namespace: \"beta\") { valid } }"},
                new String[] {"apiKeys", "{ apiKeys(namespace: \"beta\") { id } }"},
                new String[] {
                    "registerSchema", "mutation { registerSchema(namespace: \"beta\", schema: {}) { version } }"
                },
                new String[] {
                    "registerSchema dry run",
                    "mutation { registerSchema(namespace: \"beta\", schema: {}, dryRun: true) { version } }"
                },
                new String[] {
                    "putLayer", "mutation { putLayer(namespace: \"beta\", selector: {}, content: {x: 1}) { revision } }"
                },
                new String[] {"deleteLayer", "mutation { deleteLayer(namespace: \"beta\", selector: {}) { revision } }"
                },
                new String[] {
                    "restoreRevision", "mutation { restoreRevision(namespace: \"beta\", revision: 1) { revision } }"
                },
                new String[] {"createApiKey", "mutation { createApiKey(namespace: \"beta\", role: ADMIN) { secret } }"},
                new String[] {"createNamespace", "mutation { createNamespace(name: \"gamma\") { name } }"},
                new String[] {
                    "evaluateFlags",
                    "{ evaluateFlags(namespace: \"beta\", environment: \"prod\", context: {targetingKey: \"u\"}) { key } }"
                },
                new String[] {
                    "evaluateFlag",
                    "{ evaluateFlag(namespace: \"beta\", environment: \"prod\", key: \"f\", context: {}) { key } }"
                },
                new String[] {"flags", "{ flags(namespace: \"beta\") { key } }"},
                new String[] {"flag", "{ flag(namespace: \"beta\", key: \"f\") { key } }"},
                new String[] {"segments", "{ segments(namespace: \"beta\") { key } }"},
                new String[] {"segment", "{ segment(namespace: \"beta\", key: \"s\") { key } }"},
                new String[] {"checkRule", "{ checkRule(namespace: \"beta\", source: \"a == 1\") { valid } }"},
                new String[] {"putFlag", "mutation { putFlag(namespace: \"beta\", flag: {key: \"f\"}) { revision } }"},
                new String[] {
                    "putSegment", "mutation { putSegment(namespace: \"beta\", segment: {key: \"s\"}) { revision } }"
                },
                new String[] {"archiveFlag", "mutation { archiveFlag(namespace: \"beta\", key: \"f\") { revision } }"},
                new String[] {
                    "deleteSegment", "mutation { deleteSegment(namespace: \"beta\", key: \"s\") { revision } }"
                },
                new String[] {
                    "putAttributes", "mutation { putAttributes(namespace: \"beta\", attributes: {}) { revision } }"
                },
                new String[] {"platform keys", "{ apiKeys { id } }"},
                new String[] {"platform audit", "{ auditLog(namespace: \"_platform\") { edges { cursor } } }"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOperationOnBeta")
    void anAdminOfOneNamespaceCanNeitherReadNorWriteAnother(String name, String query) {
        int before = namespaceRevision("beta");

        Response response = adminOfA.post(query);

        assertThat(response.code()).as(name).isEqualTo("FORBIDDEN");
        assertThat(response.body().path("data").isNull()
                        || response.body().path("data").isMissingNode())
                .isTrue();
        assertThat(namespaceRevision("beta")).isEqualTo(before);
    }

    @Test
    void aKeyOfOneNamespaceListsOnlyItsOwn() {
        JsonNode names =
                adminOfA.data("{ namespaces { edges { node { name } } } }").at("/namespaces/edges");

        assertThat(names.valueStream().map(edge -> edge.at("/node/name").asString()))
                .containsExactly("alpha");
    }

    @Test
    void aViewerReadsButCannotWrite() {
        assertThat(viewerOfA
                        .data(RESOLVE, vars("n", "alpha", "s", json("{}")))
                        .at("/resolveConfig/config/a")
                        .asInt())
                .isEqualTo(1);
        assertThat(viewerOfA
                        .post(PUT, vars("n", "alpha", "s", json("{}"), "c", json("{}")))
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(viewerOfA
                        .post("mutation { registerSchema(namespace: \"alpha\", schema: {}) { version } }")
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(viewerOfA
                        .post("mutation { createApiKey(namespace: \"alpha\", role: VIEWER) { secret } }")
                        .code())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void anEditorWritesLayersButNotSchemasOrKeys() {
        GraphQlClient editor = key("alpha", "EDITOR", null);

        assertThat(editor.post(PUT, vars("n", "alpha", "s", json("{\"tenant\": \"ed\"}"), "c", json("{}")))
                        .code())
                .isNull();
        assertThat(editor.post("mutation { registerSchema(namespace: \"alpha\", schema: {}) { version } }")
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(editor.post("{ apiKeys(namespace: \"alpha\") { id } }").code())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void anSdkKeyResolvesOnlyItsEnvironmentAndDoesNothingElse() {
        assertThat(sdkOfA.data(RESOLVE, vars("n", "alpha", "s", json("{\"environment\": \"prod\", \"tenant\": \"t\"}")))
                        .at("/resolveConfig/config/a")
                        .asInt())
                .isEqualTo(2);
        assertThat(sdkOfA.post(RESOLVE, vars("n", "alpha", "s", json("{\"environment\": \"staging\"}")))
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(sdkOfA.post(RESOLVE, vars("n", "alpha", "s", json("{}"))).code())
                .isEqualTo("FORBIDDEN");
        assertThat(sdkOfA.post("{ history(namespace: \"alpha\") { edges { cursor } } }")
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(sdkOfA.post("{ namespace(name: \"alpha\") { revision } }").code())
                .isEqualTo("FORBIDDEN");
        assertThat(sdkOfA.post("{ namespaces { edges { cursor } } }").code()).isEqualTo("FORBIDDEN");
        assertThat(sdkOfA.post(PUT, vars("n", "alpha", "s", json("{}"), "c", json("{}")))
                        .code())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void anAdminOfANamespaceManagesItsKeys() {
        JsonNode created = adminOfA.data(CREATE_KEY, vars("n", "alpha", "r", "VIEWER", "d", "made by alpha admin"))
                .get("createApiKey");
        JsonNode keys = adminOfA.data("{ apiKeys(namespace: \"alpha\") { id description } }")
                .get("apiKeys");

        assertThat(keys.valueStream().map(k -> k.get("id").asString()))
                .contains(created.get("id").asString());
        assertThat(keys.toString())
                .doesNotContain(created.get("secret").asString())
                .doesNotContain("hash");
        assertThat(adminOfA.post(CREATE_KEY, vars("r", "ADMIN")).code()).isEqualTo("FORBIDDEN");
    }

    @Nested
    class Authentication {

        @Test
        void aMissingKeyIsUnauthenticated() {
            Response response = SERVER.get().anonymousClient().post("{ namespaces { edges { cursor } } }");

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
        }

        @Test
        void malformedAndUnknownKeysAreUnauthenticated() {
            for (String key : List.of("", "x", "cas_k_aaaaaaaaaaaaaaaa_" + "A".repeat(43), "Bearer", "a".repeat(600))) {
                Response response =
                        SERVER.get().anonymousClient().withKey(key).post("{ namespaces { edges { cursor } } }");
                assertThat(response.status()).as(key).isEqualTo(401);
                assertThat(response.code()).as(key).isEqualTo("UNAUTHENTICATED");
            }
        }

        @Test
        void aRevokedKeyStopsWorkingAtOnce() {
            JsonNode created =
                    admin.data(CREATE_KEY, vars("n", "alpha", "r", "VIEWER")).get("createApiKey");
            GraphQlClient client =
                    SERVER.get().anonymousClient().withKey(created.get("secret").asString());
            assertThat(client.post("{ namespace(name: \"alpha\") { revision } }")
                            .code())
                    .isNull();

            JsonNode revoked =
                    admin.data(REVOKE, vars("id", created.get("id").asString())).get("revokeApiKey");

            assertThat(revoked.get("revokedAt").isNull()).isFalse();
            Response after = client.post("{ namespace(name: \"alpha\") { revision } }");
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(admin.post(REVOKE, vars("id", created.get("id").asString()))
                            .code())
                    .isEqualTo("CONFLICT");
        }

        @Test
        void whoamiTellsTheCallerWhoItIs() {
            JsonNode me = sdkOfA.data("{ whoami { keyId platformAdmin namespace role environment } }")
                    .get("whoami");

            assertThat(me.get("namespace").asString()).isEqualTo("alpha");
            assertThat(me.get("role").asString()).isEqualTo("SDK");
            assertThat(me.get("environment").asString()).isEqualTo("prod");
        }

        @Test
        void badKeyRequestsAreRefused() {
            assertThat(admin.post(CREATE_KEY, vars("n", "alpha", "r", "SDK")).code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(admin.post(CREATE_KEY, vars("n", "alpha", "r", "VIEWER", "e", "prod"))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(admin.post(CREATE_KEY, vars("r", "VIEWER")).code()).isEqualTo("BAD_USER_INPUT");
            assertThat(admin.post(CREATE_KEY, vars("n", "nope", "r", "VIEWER")).code())
                    .isEqualTo("NOT_FOUND");
            assertThat(admin.post(REVOKE, vars("id", "k_doesnotexist")).code()).isEqualTo("NOT_FOUND");
        }

        @Test
        void healthNeedsNoKey() throws Exception {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(SERVER.get().baseUrl() + "/actuator/health"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        }

        @Test
        void probesNeedNoKeyAndNothingElseOfTheActuatorIsThere() throws Exception {
            assertThat(get("/actuator/health/liveness")).isEqualTo("200 {\"status\":\"UP\"}");
            assertThat(get("/actuator/health/readiness")).isEqualTo("200 {\"status\":\"UP\"}");
            for (String path : List.of("/actuator", "/actuator/health/store", "/actuator/env", "/actuator/info")) {
                assertThat(get(path)).as(path).startsWith("404 ");
            }
        }

        private String get(String path) throws Exception {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(SERVER.get().baseUrl() + path))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
    }

    @Test
    void withoutAConfiguredKeyTheFirstStartWritesABootstrapKeyReadableOnlyByItsOwner() throws Exception {
        Path dir = Files.createTempDirectory("cascade-bootstrap-");
        try (TestServer fresh =
                TestServer.start(Map.of("cascade.data-dir", dir.toString(), "cascade.bootstrap-admin-key", ""))) {
            Path file = dir.resolve("bootstrap-admin.key");
            String secret = Files.readString(file).trim();

            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(fresh.anonymousClient()
                            .withKey(secret)
                            .data("{ whoami { platformAdmin } }")
                            .at("/whoami/platformAdmin")
                            .asBoolean())
                    .isTrue();
            assertThat(fresh.anonymousClient()
                            .withKey(TestServer.ADMIN_KEY)
                            .post("{ whoami { keyId } }")
                            .status())
                    .isEqualTo(401);

            fresh.restart();

            assertThat(Files.readString(file).trim()).isEqualTo(secret);
            assertThat(fresh.anonymousClient()
                            .withKey(secret)
                            .post("{ whoami { keyId } }")
                            .code())
                    .isNull();
        }
    }

    private static int namespaceRevision(String namespace) {
        return admin.data("query($n: String!) { namespace(name: $n) { revision } }", vars("n", namespace))
                .at("/namespace/revision")
                .asInt();
    }
}
