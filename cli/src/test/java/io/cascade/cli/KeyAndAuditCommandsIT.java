package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Login, keys and the audit trail through the CLI against a real SERVER.get(). */
class KeyAndAuditCommandsIT {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @TempDir
    Path home;

    private CliRunner admin;
    private String ns;

    @BeforeAll
    static void startServer() {}

    @BeforeEach
    void namespace() {
        admin = CliRunner.against(SERVER.get(), home);
        ns = "keys-" + NAMES.incrementAndGet();
        admin.run("ns", "create", ns).ok();
    }

    /** A CLI with no login and nothing in the environment. */
    private CliRunner anonymous() {
        return CliRunner.in(home);
    }

    private String createKey(String role) {
        return admin.run(
                        "-o",
                        "json",
                        "keys",
                        "create",
                        "--namespace",
                        ns,
                        "--role",
                        role,
                        "--description",
                        role + "-bot")
                .ok()
                .json()
                .path("secret")
                .asString();
    }

    @Nested
    class Login {

        @Test
        void loginStoresTheKeyPrivatelyAndLaterCommandsUseIt() throws Exception {
            CliRunner.Result result =
                    anonymous().run("login", "--endpoint", SERVER.get().baseUrl(), "--key", TestServer.ADMIN_KEY);
            result.ok();
            assertThat(result.out())
                    .contains("Logged in to " + SERVER.get().baseUrl())
                    .contains("platform admin");
            Path config = home.resolve("cascade/config.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())))
                    .isEqualTo("rwx------");
            assertThat(anonymous().run("ns", "show", ns).ok().out()).contains(ns);
            assertThat(anonymous().run("whoami").ok().out()).contains("platform admin");
        }

        @Test
        void aBadKeyIsRefusedAndNothingIsStored() {
            CliRunner.Result result =
                    anonymous().run("login", "--endpoint", SERVER.get().baseUrl(), "--key", "not-a-key");
            result.exits(4);
            assertThat(result.err()).startsWith("error: UNAUTHENTICATED: ");
            assertThat(home.resolve("cascade/config.json")).doesNotExist();
        }

        @Test
        void logoutForgetsTheLogin() {
            anonymous()
                    .run("login", "--endpoint", SERVER.get().baseUrl(), "--key", TestServer.ADMIN_KEY)
                    .ok();
            assertThat(anonymous().run("logout").ok().out()).contains("Logged out");
            anonymous().run("ns", "list").exits(4);
        }

        @Test
        void whoamiAsJsonNamesTheRole() {
            String secret = createKey("editor");
            JsonNode principal =
                    admin.run("--key", secret, "-o", "json", "whoami").ok().json();
            assertThat(principal.path("role").asString()).isEqualTo("EDITOR");
            assertThat(principal.path("namespace").asString()).isEqualTo(ns);
        }
    }

    @Nested
    class Keys {

        @Test
        void createPrintsTheSecretOnce() {
            String out = admin.run("keys", "create", "--namespace", ns, "--role", "viewer", "--description", "dash")
                    .ok()
                    .out();
            assertThat(out).contains("Created key").contains("VIEWER on " + ns).contains("shown once");
        }

        @Test
        void anEditorKeyMayWriteLayersAndAViewerKeyMayNot() {
            admin.withStdin("{\"a\": 1}")
                    .run("--key", createKey("editor"), "layer", "put", ns, "--selector", "defaults", "-")
                    .ok();
            CliRunner.Result result = admin.withStdin("{\"a\": 2}")
                    .run("--key", createKey("viewer"), "layer", "put", ns, "--selector", "defaults", "-")
                    .exits(4);
            assertThat(result.err()).startsWith("error: FORBIDDEN: ");
        }

        @Test
        void listShowsKeysButNeverSecrets() {
            String secret = createKey("editor");
            JsonNode keys = admin.run("-o", "json", "keys", "list", "--namespace", ns)
                    .ok()
                    .json();
            assertThat(keys.findValuesAsString("description")).contains("editor-bot");
            assertThat(keys.toString()).doesNotContain(secret);
            assertThat(admin.run("keys", "list", "--namespace", ns).ok().out()).contains("EDITOR on " + ns);
        }

        @Test
        void aRevokedKeyStopsWorking() {
            JsonNode created = admin.run("-o", "json", "keys", "create", "--namespace", ns, "--role", "viewer")
                    .ok()
                    .json();
            String secret = created.path("secret").asString();
            admin.run("--key", secret, "ns", "show", ns).ok();
            assertThat(admin.run("keys", "revoke", created.path("id").asString(), "-m", "leaked")
                            .ok()
                            .out())
                    .contains("Revoked");
            admin.run("--key", secret, "ns", "show", ns).exits(4);
        }

        @Test
        void anUnknownRoleIsAUsageError() {
            admin.run("keys", "create", "--namespace", ns, "--role", "owner").exits(2);
        }
    }

    @Nested
    class Audit {

        @Test
        void listShowsTheChangesNewestFirst() {
            admin.withStdin("{\"a\": 1}")
                    .run("layer", "put", ns, "--selector", "env=prod", "-", "-m", "prod values")
                    .ok();
            String out = admin.run("audit", "list", ns).ok().out();
            assertThat(out)
                    .startsWith("SEQ")
                    .contains("layer.put")
                    .contains("namespace.create")
                    .contains("prod values");
            assertThat(out.indexOf("layer.put")).isLessThan(out.indexOf("namespace.create"));
        }

        @Test
        void filtersAndJsonOutputWork() {
            admin.withStdin("{\"a\": 1}")
                    .run("layer", "put", ns, "--selector", "defaults", "-")
                    .ok();
            JsonNode entries = admin.run(
                            "-o", "json", "audit", "list", ns, "--action", "layer.put", "--since", "2000-01-01")
                    .ok()
                    .json();
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).path("action").asString()).isEqualTo("layer.put");
            assertThat(admin.run("-o", "json", "audit", "list", ns, "--until", "2000-01-01")
                            .ok()
                            .json())
                    .isEmpty();
        }

        @Test
        void anIntactChainVerifies() {
            admin.withStdin("{\"a\": 1}")
                    .run("layer", "put", ns, "--selector", "defaults", "-")
                    .ok();
            assertThat(admin.run("audit", "verify", ns).ok().out())
                    .contains("verifies")
                    .contains("2 entries");
        }

        @Test
        void aTamperedChainExits1NamingTheBrokenEntry() {
            admin.withStdin("{\"a\": 1}")
                    .run("layer", "put", ns, "--selector", "defaults", "-")
                    .ok();
            admin.withStdin("{\"a\": 2}")
                    .run("layer", "put", ns, "--selector", "defaults", "-")
                    .ok();
            SERVER.get()
                    .bean(MongoDatabase.class)
                    .getCollection("audit")
                    .updateOne(
                            Filters.and(Filters.eq("namespace", ns), Filters.eq("sequence", 2)),
                            Updates.set("message", "forged"));
            CliRunner.Result result = admin.run("audit", "verify", ns).exits(1);
            assertThat(result.err()).startsWith("error: AUDIT_BROKEN: ").contains("broken at sequence 2");
            JsonNode json =
                    admin.run("-o", "json", "audit", "verify", ns).exits(1).json();
            assertThat(json.path("brokenAt").asInt()).isEqualTo(2);
        }
    }
}
