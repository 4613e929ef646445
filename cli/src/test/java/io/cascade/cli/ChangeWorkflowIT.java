package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.cli.CliRunner.Result;
import io.cascade.testsupport.ServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The operator workflow through the CLI against a real server: protected environments, change requests, config as code. */
class ChangeWorkflowIT {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String SCHEMA = """
        {"type": "object", "properties": {"pool": {"type": "object", "properties": {
          "size": {"type": "integer", "minimum": 1, "maximum": 100}}}}}""";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @TempDir
    Path home;

    private CliRunner admin;
    private String ns;

    @BeforeAll
    static void startServer() {}

    @BeforeEach
    void namespaceWithProd() throws IOException {
        admin = CliRunner.against(SERVER.get(), home);
        ns = "wf-" + NAMES.incrementAndGet();
        admin.run("ns", "create", ns).ok();
        admin.run("schema", "push", ns, write("schema.json", SCHEMA)).ok();
        admin.run(
                        "layer",
                        "put",
                        ns,
                        "--selector",
                        "environment=prod",
                        write("prod.json", "{\"pool\": {\"size\": 10}}"))
                .ok();
        admin.run(
                        "layer",
                        "put",
                        ns,
                        "--selector",
                        "environment=staging",
                        write("st.json", "{\"pool\": {\"size\": 2}}"))
                .ok();
    }

    private String write(String name, String text) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    private CliRunner as(String role, String description) {
        String secret = admin.run(
                        "-o", "json", "keys", "create", "--namespace", ns, "--role", role, "--description", description)
                .ok()
                .json()
                .path("secret")
                .asString();
        return admin.withEnv("CASCADE_API_KEY", secret);
    }

    private int revision() {
        return admin.run("-o", "json", "ns", "show", ns)
                .ok()
                .json()
                .path("revision")
                .asInt();
    }

    private String changes(String prodSize, String stagingSize) throws IOException {
        return write("changes-" + prodSize + "-" + stagingSize + ".json", """
            [ {"op": "putLayer", "selector": {"environment": "prod"}, "content": {"pool": {"size": %s}}},
              {"op": "putLayer", "selector": {"environment": "staging"}, "content": {"pool": {"size": %s}}} ]
            """.formatted(prodSize, stagingSize));
    }

    @Test
    void theOperatorWorkflowEndToEnd() throws IOException {
        admin.run("policy", "set", ns, "prod", "--approvals", "2").ok();
        assertThat(admin.run("policy", "show", ns).ok().out()).contains("prod").contains("2");
        CliRunner editor = as("editor", "edna");
        CliRunner abe = as("approver", "abe");
        CliRunner ada = as("approver", "ada");
        int start = revision();

        Result direct = editor.run(
                        "layer",
                        "put",
                        ns,
                        "--selector",
                        "environment=prod",
                        write("one.json", "{\"pool\": {\"size\": 1}}"))
                .exits(8);
        assertThat(direct.err()).contains("APPROVAL_REQUIRED");

        String id = editor.run("-o", "json", "changes", "propose", ns, changes("20", "4"), "--title", "Bigger pools")
                .ok()
                .json()
                .path("id")
                .asString();
        assertThat(editor.run("changes", "approve", ns, id).exits(4).err()).contains("FORBIDDEN");
        abe.run("changes", "approve", ns, id, "-c", "lgtm").ok();
        assertThat(abe.run("changes", "list", ns, "--inbox").ok().out()).contains("Nothing waits");
        assertThat(ada.run("changes", "list", ns, "--inbox").ok().out()).contains("Bigger pools");
        assertThat(editor.run("changes", "apply", ns, id).exits(8).err()).contains("prod needs 2");

        JsonNode revised = editor.run("-o", "json", "changes", "revise", ns, id, changes("30", "4"))
                .ok()
                .json();
        assertThat(revised.path("approvals")).isEmpty();
        abe.run("changes", "approve", ns, id).ok();
        ada.run("changes", "approve", ns, id, "-c", "ship it").ok();
        assertThat(editor.run("changes", "diff", ns, id).ok().out()).contains("/pool/size: 10 -> 30");
        assertThat(editor.run("changes", "show", ns, id).ok().out()).contains("approvals:  2/2");

        editor.run("changes", "apply", ns, id).ok();
        assertThat(revision()).isEqualTo(start + 1);
        JsonNode newest = admin.run("-o", "json", "history", ns).ok().json().get(0);
        assertThat(newest.path("changes")).hasSize(2);
        assertThat(admin.run("-o", "json", "changes", "list", ns, "--state", "applied")
                        .ok()
                        .json())
                .hasSize(1);

        List<String> actions = new ArrayList<>();
        for (JsonNode entry : admin.run("-o", "json", "audit", "list", ns, "--limit", "6")
                .ok()
                .json()) {
            actions.add(0, entry.path("action").asString());
        }
        assertThat(actions)
                .containsExactly(
                        "change.propose",
                        "change.approve",
                        "change.revise",
                        "change.approve",
                        "change.approve",
                        "change.apply");
        admin.run("audit", "verify", ns).ok();
    }

    @Test
    void aRequestWhoseLayerChangedMeanwhileConflictsWhileAnUnrelatedOneApplies() throws IOException {
        String stale = admin.run("-o", "json", "changes", "propose", ns, write("s.json", """
                        [{"op": "putLayer", "selector": {"environment": "staging"}, "content": {"pool": {"size": 3}}}]"""), "--title", "staging")
                .ok()
                .json()
                .path("id")
                .asString();
        String unrelated = admin.run("-o", "json", "changes", "propose", ns, write("d.json", """
                        [{"op": "putLayer", "selector": {"environment": "dev"}, "content": {"pool": {"size": 3}}}]"""), "--title", "dev")
                .ok()
                .json()
                .path("id")
                .asString();
        admin.run(
                        "layer",
                        "put",
                        ns,
                        "--selector",
                        "environment=staging",
                        write("st2.json", "{\"pool\": {\"size\": 5}}"))
                .ok();
        assertThat(admin.run("changes", "apply", ns, stale).exits(3).err()).contains("CONFLICT");
        admin.run("changes", "apply", ns, unrelated).ok();
    }

    @Test
    void exportThenApplyCommitsNothing() {
        admin.run("segments", "put", ns, FlagCommandsIT.file("beta-tenants.yaml"))
                .ok();
        admin.run("flags", "create", ns, FlagCommandsIT.file("new-checkout.json"))
                .ok();
        Path dir = home.resolve("repo");
        admin.run("export", ns, dir.toString()).ok();
        assertThat(dir.resolve("schema.json")).exists();
        assertThat(dir.resolve("layers/environment=prod.json")).exists();
        assertThat(dir.resolve("flags/new-checkout.json")).exists();
        assertThat(dir.resolve("segments/beta-tenants.json")).exists();
        int before = revision();
        assertThat(admin.run("-o", "json", "apply", ns, dir.toString(), "--dry-run")
                        .ok()
                        .json()
                        .path("changes"))
                .isEmpty();
        assertThat(admin.run("apply", ns, dir.toString()).ok().out()).contains("No changes");
        assertThat(revision()).isEqualTo(before);
    }

    @Test
    void applyPlansCommitsOneRevisionArchivesAndDeletes() throws IOException {
        admin.run("segments", "put", ns, FlagCommandsIT.file("beta-tenants.yaml"))
                .ok();
        Path dir = home.resolve("repo");
        admin.run("export", ns, dir.toString()).ok();
        Files.delete(dir.resolve("layers/environment=staging.json"));
        Files.delete(dir.resolve("segments/beta-tenants.json"));
        Files.writeString(
                dir.resolve("layers/environment=dev.yaml"),
                "selector: {environment: dev}\ncontent: {pool: {size: 4}}\n");
        JsonNode plan = admin.run("-o", "json", "apply", ns, dir.toString(), "--dry-run")
                .ok()
                .json();
        assertThat(plan.path("changes").toString())
                .contains("{\"kind\":\"layer\",\"action\":\"put\",\"target\":{\"environment\":\"dev\"}}")
                .contains("{\"kind\":\"layer\",\"action\":\"delete\",\"target\":{\"environment\":\"staging\"}}")
                .contains("{\"kind\":\"segment\",\"action\":\"delete\",\"target\":\"beta-tenants\"}");
        int before = revision();
        assertThat(admin.run("apply", ns, dir.toString(), "--expected-revision", String.valueOf(before - 1))
                        .exits(3)
                        .err())
                .contains("CONFLICT");
        Result applied =
                admin.run("apply", ns, dir.toString(), "-m", "from git").ok();
        assertThat(applied.out())
                .contains("+ put layer {\"environment\":\"dev\"}")
                .contains("Committed revision");
        assertThat(revision()).isEqualTo(before + 1);
        assertThat(admin.run("-o", "json", "apply", ns, dir.toString(), "--dry-run")
                        .ok()
                        .json()
                        .path("changes"))
                .isEmpty();
    }

    @Test
    void applyOfAnInvalidDirectoryCommitsNothingAndPrintsEveryViolation() throws IOException {
        Path dir = home.resolve("repo");
        admin.run("export", ns, dir.toString()).ok();
        Files.writeString(
                dir.resolve("layers/environment=staging.json"),
                "{\"selector\": {\"environment\": \"staging\"}, \"content\": {\"pool\": {\"size\": 0}}}");
        Files.writeString(
                dir.resolve("layers/environment=dev.json"),
                "{\"selector\": {\"environment\": \"dev\"}, \"content\": {\"pool\": {\"size\": \"big\"}}}");
        int before = revision();
        Result refused = admin.run("apply", ns, dir.toString()).exits(1);
        assertThat(refused.err())
                .contains("VALIDATION_FAILED")
                .contains("staging")
                .contains("dev");
        assertThat(admin.run("apply", ns, dir.toString(), "--dry-run").exits(1).err())
                .contains("staging", "dev");
        assertThat(revision()).isEqualTo(before);

        Files.writeString(dir.resolve("layers/broken.json"), "{\"selector\": {\"planet\": \"mars\"}, \"content\": {}}");
        assertThat(admin.run("apply", ns, dir.toString()).exits(2).err()).contains("planet");
    }

    @Test
    void applyTouchingAProtectedEnvironmentOpensAChangeRequestAndWaits() throws Exception {
        admin.run("policy", "set", ns, "prod", "--approvals", "1").ok();
        CliRunner editor = as("editor", "edna");
        CliRunner abe = as("approver", "abe");
        Path dir = home.resolve("repo");
        admin.run("export", ns, dir.toString()).ok();
        Files.writeString(
                dir.resolve("layers/environment=prod.json"),
                "{\"selector\": {\"environment\": \"prod\"}, \"content\": {\"pool\": {\"size\": 11}}}");
        int before = revision();
        Result opened = editor.run("apply", ns, dir.toString()).ok();
        assertThat(opened.out()).contains("opened change request 1");
        assertThat(revision()).isEqualTo(before);

        CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(() ->
                editor.run("apply", ns, dir.toString(), "--wait", "--poll-interval", "PT0.2S", "--timeout", "PT2M"));
        org.awaitility.Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .until(() -> admin.run("-o", "json", "changes", "list", ns, "--state", "open")
                                .ok()
                                .json()
                                .size()
                        == 2);
        abe.run("changes", "reject", ns, "2", "-c", "not now").ok();
        Result rejected = waiting.get(90, TimeUnit.SECONDS).exits(9);
        assertThat(rejected.out()).contains("Rejected by abe: not now");

        CompletableFuture<Result> approved = CompletableFuture.supplyAsync(() ->
                editor.run("apply", ns, dir.toString(), "--wait", "--poll-interval", "PT0.2S", "--timeout", "PT2M"));
        org.awaitility.Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .until(() -> admin.run("-o", "json", "changes", "list", ns, "--state", "open")
                                .ok()
                                .json()
                                .size()
                        == 2);
        abe.run("changes", "approve", ns, "3").ok();
        assertThat(approved.get(90, TimeUnit.SECONDS).ok().out()).contains("Applied change request 3");
        assertThat(revision()).isEqualTo(before + 1);
    }

    @Test
    void breakGlassIsAuditedWithItsReason() throws IOException {
        admin.run("policy", "set", ns, "prod", "--approvals", "2").ok();
        CliRunner editor = as("editor", "edna");
        String id = editor.run("-o", "json", "changes", "propose", ns, changes("50", "2"), "--title", "hotfix")
                .ok()
                .json()
                .path("id")
                .asString();
        assertThat(editor.run("changes", "apply", ns, id, "--break-glass", "pager")
                        .exits(4)
                        .err())
                .contains("FORBIDDEN");
        admin.run("changes", "apply", ns, id, "--break-glass", "INC-9 pool exhausted at 3am")
                .ok();
        JsonNode entry = admin.run("-o", "json", "audit", "list", ns, "--action", "policy.break-glass")
                .ok()
                .json()
                .get(0);
        assertThat(entry.path("message").asString()).contains("INC-9 pool exhausted at 3am");
        admin.run("audit", "verify", ns).ok();
    }
}
