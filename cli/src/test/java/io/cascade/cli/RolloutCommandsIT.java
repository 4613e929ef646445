package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Rollouts operated through the CLI against a real server. */
class RolloutCommandsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("cascade.rollout.tick", "PT0.2S"));

    @TempDir
    Path home;

    @Test
    void anOperatorStartsWatchesPausesAdvancesAndCompletesARolloutAndWatchFailsOnAnAbort() throws Exception {
        CliRunner cli = CliRunner.against(SERVER.get(), home);
        cli.run("ns", "create", "cli-rollout").ok();
        Path plan = Files.writeString(
                home.resolve("plan.yaml"),
                "stages:\n"
                        + "  - {name: canary, hosts: {sites: [us-east-1]}, bakeSeconds: 3600}\n"
                        + "  - {name: all, hosts: {all: true}}\n"
                        + "gates:\n  - {metric: errorRate, max: 0.05}\n");
        Path changes = Files.writeString(
                home.resolve("changes.json"),
                "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 200}}]");

        JsonNode started = cli.run(
                        "-o",
                        "json",
                        "rollout",
                        "start",
                        "cli-rollout",
                        "--plan",
                        plan.toString(),
                        "--changes",
                        changes.toString(),
                        "-m",
                        "raise the limit")
                .ok()
                .json();
        String id = started.path("id").asString();
        assertThat(started.path("state").asString()).isEqualTo("RUNNING");

        assertThat(cli.run("rollout", "status", "cli-rollout", id).ok().out()).contains(id, "RUNNING", "canary", "all");
        assertThat(cli.run("rollout", "list", "cli-rollout").ok().out()).contains(id, "CONFIG", "RUNNING");
        cli.withStdin("{\"other\": 1}")
                .run("layer", "put", "cli-rollout", "--selector", "environment=prod", "-")
                .exits(3);
        assertThat(cli.run("rollout", "pause", "cli-rollout", id).ok().out()).contains("PAUSED");
        cli.run("rollout", "pause", "cli-rollout", id).exits(3);
        cli.run("rollout", "resume", "cli-rollout", id).ok();
        cli.run("rollout", "advance", "cli-rollout", id).ok();
        assertThat(cli.run("rollout", "watch", "cli-rollout", id, "--interval", "200")
                        .ok()
                        .out())
                .contains("COMPLETED");

        JsonNode second = cli.run(
                        "-o",
                        "json",
                        "rollout",
                        "start",
                        "cli-rollout",
                        "--plan",
                        plan.toString(),
                        "--changes",
                        changes.toString())
                .ok()
                .json();
        String secondId = second.path("id").asString();
        assertThat(cli.run("rollout", "abort", "cli-rollout", secondId, "--reason", "not today")
                        .ok()
                        .out())
                .contains("rollback revision");
        CliRunner.Result watched = cli.run("rollout", "watch", "cli-rollout", secondId, "--interval", "200");
        assertThat(watched.exitCode()).isEqualTo(1);
        assertThat(watched.err()).contains("not today");
        assertThat(cli.run("rollout", "list", "cli-rollout", "--state", "ABORTED")
                        .ok()
                        .out())
                .contains(secondId);
        cli.run("rollout", "status", "cli-rollout", "ro-missing").exits(6);
    }

    @Test
    void anOperatorRollsOutAnApprovedChangeRequestToAProtectedEnvironmentAndItCompletes() throws Exception {
        CliRunner admin = CliRunner.against(SERVER.get(), home);
        admin.run("ns", "create", "cli-governed").ok();
        admin.run("policy", "set", "cli-governed", "prod", "--approvals", "1").ok();
        CliRunner approver = admin.withEnv("CASCADE_API_KEY", SERVER.get().createKey("cli-governed", "APPROVER", null));
        Path plan = Files.writeString(
                home.resolve("plan.json"),
                "{\"stages\": [{\"name\": \"all\", \"hosts\": {\"all\": true}, \"bakeSeconds\": 3600}]}");
        Path changes = Files.writeString(
                home.resolve("limit.json"),
                "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 50}}]");

        admin.run("rollout", "start", "cli-governed", "--plan", plan.toString(), "--changes", changes.toString())
                .exits(8);
        String request = admin.run(
                        "-o", "json", "changes", "propose", "cli-governed", changes.toString(), "--title", "limit 50")
                .ok()
                .json()
                .path("id")
                .asString();
        admin.run("rollout", "start", "cli-governed", "--plan", plan.toString(), "--change-request", request)
                .exits(8);
        approver.run("changes", "approve", "cli-governed", request, "-c", "go").ok();

        JsonNode started = admin.run(
                        "-o",
                        "json",
                        "rollout",
                        "start",
                        "cli-governed",
                        "--plan",
                        plan.toString(),
                        "--change-request",
                        request)
                .ok()
                .json();
        String id = started.path("id").asString();
        admin.run("rollout", "advance", "cli-governed", id).ok();
        assertThat(admin.run("rollout", "watch", "cli-governed", id, "--interval", "200")
                        .ok()
                        .out())
                .contains("COMPLETED");
        JsonNode shown = admin.run("-o", "json", "changes", "show", "cli-governed", request)
                .ok()
                .json();
        assertThat(shown.path("state").asString()).isEqualTo("APPLIED");
        assertThat(shown.path("appliedRevision").asInt())
                .isEqualTo(started.path("candidateRevision").asInt());
        assertThat(admin.run("-o", "json", "resolve", "cli-governed", "--scope", "environment=prod")
                        .ok()
                        .json()
                        .toString())
                .contains("\"rateLimit\":50");
    }
}
