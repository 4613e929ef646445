package io.cascade.cli;

import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade rollout}: staged rollouts of config changes and flag ramps. */
@Command(
        name = "rollout",
        aliases = "rollouts",
        description =
                "Staged rollouts: start, status, watch, advance, pause, resume, abort, list. See docs/rollouts.md.")
final class RolloutCommand extends CommandSupport {

    static final String FIELDS = "id namespace kind state baseRevision candidateRevision currentStage abortReason"
            + " rollbackRevision bakedSeconds stages { name targeted applied healthy bakeSeconds }";
    private static final String START =
            "mutation($namespace: String!, $plan: JSON!, $changes: JSON, $changeRequest: ID, $message: String) {"
                    + " startRollout(namespace: $namespace, plan: $plan, changes: $changes,"
                    + " changeRequestId: $changeRequest, message: $message) { "
                    + FIELDS
                    + " } }";
    private static final String GET =
            "query($namespace: String!, $id: ID!) { rollout(namespace: $namespace, id: $id) { " + FIELDS + " } }";
    private static final String LIST = "query($namespace: String!, $state: RolloutState) {"
            + " rollouts(namespace: $namespace, state: $state, first: 100) { edges { node { " + FIELDS + " } } } }";
    private static final String MOVE =
            "mutation($namespace: String!, $id: ID!) { %s(namespace: $namespace, id: $id) { " + FIELDS + " } }";
    private static final String ABORT = "mutation($namespace: String!, $id: ID!, $reason: String!) {"
            + " abortRollout(namespace: $namespace, id: $id, reason: $reason) { " + FIELDS + " } }";
    private static final int BAR = 30;

    @Command(
            name = "start",
            description = {
                "Start a rollout. PLAN is JSON or YAML (- for standard input): {\"stages\": [...], \"gates\": [...],",
                "\"abortOnAlert\": {...}}; a config rollout also needs --changes (a list of putLayer, deleteLayer,",
                "putFlag, putSegment operations) or --change-request (an approved change request, marked applied",
                "with the candidate revision); a flag ramp's plan names the flag and takes neither."
            })
    int start(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--plan", required = true, paramLabel = "PLAN") String plan,
            @Option(names = "--changes", paramLabel = "FILE") String changes,
            @Option(names = "--change-request", paramLabel = "ID") String changeRequest,
            @Mixin MessageOption message) {
        return run(() -> {
            JsonNode planJson = Documents.readObject(plan, root().stdin());
            JsonNode changesJson = changes == null ? null : Documents.read(changes, root().stdin());
            JsonNode rollout = api().execute(
                            START,
                            "namespace",
                            namespace,
                            "plan",
                            planJson,
                            "changes",
                            changesJson,
                            "changeRequest",
                            changeRequest,
                            "message",
                            message.message)
                    .path("startRollout");
            return print(rollout, "Started rollout " + rollout.path("id").asString());
        });
    }

    @Command(
            name = "status",
            description = "A rollout's state and, per stage, its targeted, applied and healthy hosts.")
    int status(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "ID") String id) {
        return run(() -> print(get(namespace, id), null));
    }

    @Command(
            name = "watch",
            description = {
                "Follow a rollout until it completes (exit 0) or aborts (exit 1): a progress bar per stage in a",
                "terminal, a line per change otherwise."
            })
    int watch(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Option(
                            names = "--interval",
                            paramLabel = "MS",
                            defaultValue = "1000",
                            description = "Milliseconds between looks (default 1000).")
                    long interval) {
        return run(() -> {
            boolean terminal = System.console() != null && !json();
            String last = null;
            while (true) {
                JsonNode rollout = get(namespace, id);
                String state = rollout.path("state").asString();
                String text = terminal ? bars(rollout) : line(rollout);
                if (!text.equals(last)) {
                    if (terminal && last != null) {
                        out().print("\033[" + last.split("\n", -1).length + "F\033[J");
                    }
                    out().print(text);
                    out().flush();
                    last = text;
                }
                if ("COMPLETED".equals(state)) {
                    return ExitStatus.OK.code();
                }
                if ("ABORTED".equals(state)) {
                    err().println("aborted: " + rollout.path("abortReason").asString(""));
                    return ExitStatus.INVALID.code();
                }
                try {
                    Thread.sleep(Math.max(100, interval));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitStatus.SERVER_ERROR.code();
                }
            }
        });
    }

    @Command(name = "advance", description = "Move to the next stage now (complete after the last).")
    int advance(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "ID") String id) {
        return move("advanceRollout", namespace, id, "Advanced");
    }

    @Command(name = "pause", description = "Stop a rollout where it is; its bake clock stands still.")
    int pause(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "ID") String id) {
        return move("pauseRollout", namespace, id, "Paused");
    }

    @Command(name = "resume", description = "Resume a paused rollout.")
    int resume(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "ID") String id) {
        return move("resumeRollout", namespace, id, "Resumed");
    }

    @Command(name = "abort", description = "Abort: commits a revision with the base content.")
    int abort(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason) {
        return run(() -> {
            JsonNode rollout = api().execute(ABORT, "namespace", namespace, "id", id, "reason", reason)
                    .path("abortRollout");
            return print(
                    rollout,
                    "Aborted rollout " + id + "; rollback revision "
                            + rollout.path("rollbackRevision").asInt());
        });
    }

    @Command(name = "list", description = "The rollouts of a namespace, newest first.")
    int list(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--state", paramLabel = "STATE", description = "RUNNING, PAUSED, COMPLETED or ABORTED.")
                    String state) {
        return run(() -> {
            JsonNode edges = api().execute(LIST, "namespace", namespace, "state", state)
                    .path("rollouts")
                    .path("edges");
            if (json()) {
                printJson(edges);
                return ExitStatus.OK.code();
            }
            Table table = Table.of("ID", "KIND", "STATE", "STAGE", "BASE", "CANDIDATE");
            for (JsonNode edge : edges) {
                JsonNode node = edge.path("node");
                table.row(
                        node.path("id").asString(),
                        node.path("kind").asString(),
                        node.path("state").asString(),
                        stageName(node),
                        Json.cell(node.get("baseRevision")),
                        Json.cell(node.get("candidateRevision")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    private int move(String mutation, String namespace, String id, String what) {
        return run(() -> {
            JsonNode rollout = api().execute(String.format(MOVE, mutation), "namespace", namespace, "id", id)
                    .path(mutation);
            return print(rollout, what + " rollout " + id);
        });
    }

    private JsonNode get(String namespace, String id) {
        return api().execute(GET, "namespace", namespace, "id", id).path("rollout");
    }

    private int print(JsonNode rollout, String headline) {
        if (json()) {
            printJson(rollout);
            return ExitStatus.OK.code();
        }
        if (headline != null) {
            out().println(headline + ".");
        }
        out().print(line(rollout));
        Table table = Table.of("STAGE", "NAME", "TARGETED", "APPLIED", "HEALTHY", "BAKE");
        int index = 0;
        for (JsonNode stage : rollout.path("stages")) {
            table.row(
                    index == rollout.path("currentStage").asInt() ? "> " + index : "  " + index,
                    stage.path("name").asString(),
                    stage.path("targeted").asInt(),
                    stage.path("applied").asInt(),
                    stage.path("healthy").asInt(),
                    stage.path("bakeSeconds").asLong() + "s");
            index++;
        }
        out().print(table.render());
        return ExitStatus.OK.code();
    }

    /** One line: {@code ro-… RUNNING stage 1/3 'half' applied 4/10 healthy 4 baked 12s}. */
    private static String line(JsonNode rollout) {
        JsonNode stage =
                rollout.path("stages").path(rollout.path("currentStage").asInt());
        StringBuilder text = new StringBuilder()
                .append(rollout.path("id").asString())
                .append(' ')
                .append(rollout.path("state").asString())
                .append(" stage ")
                .append(rollout.path("currentStage").asInt() + 1)
                .append('/')
                .append(rollout.path("stages").size())
                .append(" '")
                .append(stage.path("name").asString())
                .append("' applied ")
                .append(stage.path("applied").asInt())
                .append('/')
                .append(stage.path("targeted").asInt())
                .append(" healthy ")
                .append(stage.path("healthy").asInt())
                .append(" baked ")
                .append(rollout.path("bakedSeconds").asLong())
                .append('s');
        if (rollout.hasNonNull("abortReason")) {
            text.append(" reason: ").append(rollout.path("abortReason").asString());
        }
        return text.append('\n').toString();
    }

    /** A bar per stage: how many of its targeted hosts applied the candidate. */
    private static String bars(JsonNode rollout) {
        StringBuilder text = new StringBuilder(rollout.path("id").asString())
                .append(' ')
                .append(rollout.path("state").asString())
                .append('\n');
        int current = rollout.path("currentStage").asInt();
        int index = 0;
        for (JsonNode stage : rollout.path("stages")) {
            int targeted = stage.path("targeted").asInt();
            int applied = stage.path("applied").asInt();
            boolean done =
                    index < current || "COMPLETED".equals(rollout.path("state").asString());
            int filled = targeted == 0 ? (done ? BAR : 0) : Math.min(BAR, applied * BAR / targeted);
            text.append(String.format(
                    "%-12s [%s%s] %d/%d%s%n",
                    stage.path("name").asString(),
                    "#".repeat(filled),
                    ".".repeat(BAR - filled),
                    applied,
                    targeted,
                    index == current ? " baked " + rollout.path("bakedSeconds").asLong() + "s" : ""));
            index++;
        }
        return text.toString();
    }

    private static String stageName(JsonNode rollout) {
        return (rollout.path("currentStage").asInt() + 1) + "/"
                + rollout.path("stages").size() + " "
                + rollout.path("stages")
                        .path(rollout.path("currentStage").asInt())
                        .path("name")
                        .asString();
    }
}
