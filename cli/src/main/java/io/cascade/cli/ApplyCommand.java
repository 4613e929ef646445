package io.cascade.cli;

import io.cascade.cli.code.ConfigDirectory;
import io.cascade.cli.code.ConfigPlan;
import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cascade apply}: make a namespace equal to a directory, as one revision or a change request. */
@Command(
        name = "apply",
        description = {
            "Make namespace NS equal to DIR (the layout 'cascade export' writes; JSON or YAML files) in one",
            "revision: shows the plan as a diff, then commits it. Flags missing from DIR are archived, segments",
            "missing from it deleted, layers missing from it deleted. When a protected environment is touched it",
            "opens a change request instead and prints its id; --wait then waits until it is approved (and",
            "applies it), or rejected (exit 9). --dry-run prints the plan and validates it, committing nothing."
        })
final class ApplyCommand extends CommandSupport {

    private static final String VALIDATE = "query($namespace: String!, $changes: JSON!) { validateChanges(namespace:"
            + " $namespace, changes: $changes) { valid violations { scope layer path message rule code } } }";
    private static final String COMMIT = "mutation($namespace: String!, $changes: JSON!, $expectedRevision: Int,"
            + " $message: String, $breakGlass: String) { commitChanges(namespace: $namespace, changes: $changes,"
            + " expectedRevision: $expectedRevision, message: $message, breakGlass: $breakGlass) { "
            + COMMIT_FIELDS + " } }";

    @Parameters(index = "0", paramLabel = "NS")
    String namespace;

    @Parameters(index = "1", paramLabel = "DIR")
    Path dir;

    @Option(names = "--dry-run", description = "Print the plan (-o json: {\"changes\": [...]}) and commit nothing.")
    boolean dryRun;

    @Option(
            names = "--expected-revision",
            paramLabel = "N",
            description = "Refuse (exit 3, CONFLICT) unless the namespace is at revision N.")
    Integer expectedRevision;

    @Option(
            names = {"-m", "--message"},
            paramLabel = "MSG",
            description = "Why: recorded with the revision (or as the change request's description).")
    String message;

    @Option(names = "--title", paramLabel = "TEXT", description = "The change request's title, if one is opened.")
    String title;

    @Option(
            names = "--wait",
            description = "Wait for an opened change request to be approved and applied, or rejected.")
    boolean await;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "PT1H",
            description = "How long --wait waits (ISO-8601, default PT1H); exit 8 when it passes.")
    String timeout;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            defaultValue = "PT5S",
            description = "How often --wait looks (ISO-8601, default PT5S).")
    String pollInterval;

    @Option(
            names = "--break-glass",
            paramLabel = "REASON",
            description =
                    "Platform admin only: commit to protected environments without approvals, for REASON (audited).")
    String breakGlass;

    @Override
    public Integer call() {
        return run(() -> {
            Duration waitFor = duration("--timeout", timeout);
            Duration poll = duration("--poll-interval", pollInterval);
            ExportCommand.Content current = ExportCommand.fetch(api(), namespace);
            if (expectedRevision != null && expectedRevision != current.revision()) {
                throw CliException.of(
                        ExitStatus.CONFLICT,
                        "CONFLICT",
                        "namespace '" + namespace + "' is at revision " + current.revision() + ", not the expected "
                                + expectedRevision);
            }
            ConfigDirectory desired =
                    ConfigDirectory.read(dir, current.directory().dimensions());
            ConfigPlan plan = ConfigPlan.between(current.directory(), desired);
            if (dryRun) {
                return dryRun(plan, current.revision());
            }
            if (plan.isEmpty()) {
                return report(
                        plan,
                        current.revision(),
                        null,
                        null,
                        "No changes: " + namespace + " already equals " + dir + " (revision " + current.revision()
                                + ").");
            }
            if (!json()) {
                printPlan(plan, current.revision());
            }
            try {
                JsonNode commit = api().execute(
                                COMMIT,
                                "namespace",
                                namespace,
                                "changes",
                                plan.operations(),
                                "expectedRevision",
                                current.revision(),
                                "message",
                                message,
                                "breakGlass",
                                breakGlass)
                        .path("commitChanges");
                return report(
                        plan,
                        current.revision(),
                        commit,
                        null,
                        "Committed revision " + commit.path("revision").asInt() + " of " + namespace + ".");
            } catch (CliException e) {
                if (e.status() != ExitStatus.APPROVAL_REQUIRED) {
                    throw e;
                }
            }
            JsonNode request = api().execute(
                            ChangesCommand.PROPOSE,
                            "namespace",
                            namespace,
                            "title",
                            title != null ? title : "cascade apply " + dir.getFileName(),
                            "changes",
                            plan.operations(),
                            "description",
                            message != null ? message : String.join("\n", plan.lines()),
                            "baseRevision",
                            current.revision())
                    .path("proposeChange");
            String id = request.path("id").asString();
            report(
                    plan,
                    current.revision(),
                    null,
                    request,
                    "It touches protected environment(s) "
                            + String.join(",", texts(request.path("environments"))) + ": opened change request " + id
                            + " (needs " + request.path("requiredApprovals").asInt() + " approval(s)).\n"
                            + "Review: cascade changes show " + namespace + " " + id
                            + "; approve: cascade changes approve "
                            + namespace + " " + id);
            if (!await) {
                return ExitStatus.OK.code();
            }
            return ChangesCommand.waitFor(api(), json() ? err() : out(), namespace, id, waitFor, poll);
        });
    }

    private int dryRun(ConfigPlan plan, int revision) {
        JsonNode report = plan.isEmpty()
                ? null
                : api().execute(VALIDATE, "namespace", namespace, "changes", plan.operations())
                        .path("validateChanges");
        boolean valid = report == null || report.path("valid").asBoolean();
        if (json()) {
            ObjectNode out = plan.toJson();
            out.put("namespace", namespace);
            out.put("revision", revision);
            out.put("valid", valid);
            out.set("violations", report == null ? Json.tree(java.util.List.of()) : report.get("violations"));
            printJson(out);
        } else {
            printPlan(plan, revision);
            out().println(plan.isEmpty() ? "Nothing to do." : "Dry run: nothing committed.");
        }
        if (!valid) {
            throw invalid("VALIDATION_FAILED", "the plan would be refused", report.path("violations"));
        }
        return ExitStatus.OK.code();
    }

    private void printPlan(ConfigPlan plan, int revision) {
        if (plan.isEmpty()) {
            out().println("No changes: " + namespace + " already equals " + dir + " (revision " + revision + ").");
            return;
        }
        out().println("Plan for " + namespace + " (at revision " + revision + "): "
                + plan.steps().size() + " change(s)");
        plan.lines().forEach(line -> out().println("  " + line));
    }

    private int report(ConfigPlan plan, int revision, JsonNode commit, JsonNode request, String line) {
        if (json()) {
            ObjectNode out = plan.toJson();
            out.put("namespace", namespace);
            out.put("revision", revision);
            if (commit != null) {
                out.set("commit", commit);
            }
            if (request != null) {
                out.set("changeRequest", request);
            }
            printJson(out);
        } else {
            out().println(line);
        }
        return ExitStatus.OK.code();
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }

    private static Duration duration(String option, String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || duration.isZero()) {
                throw CliException.usage(option + " must be positive, was " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw CliException.usage(option + " must be an ISO-8601 duration such as PT10M, was " + text);
        }
    }
}
