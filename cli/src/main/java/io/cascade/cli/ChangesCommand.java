package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.http.GraphQlClient;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade changes}: change requests, reviewed before they are applied as one revision. */
@Command(
        name = "changes",
        aliases = "change",
        description = "Change requests: propose, revise, list, show, approve, reject, apply, diff.")
final class ChangesCommand extends CommandSupport {

    static final String FIELDS = "id title description state author baseRevision changes requiredApprovals"
            + " environments missingApprovals appliedRevision createdAt updatedAt expiresAt"
            + " approvals { actor at comment role } comments { actor kind at text }";
    static final String PROPOSE = "mutation($namespace: String!, $title: String!, $changes: JSON!, $description:"
            + " String, $baseRevision: Int) { proposeChange(namespace: $namespace, title: $title, changes: $changes,"
            + " description: $description, baseRevision: $baseRevision) { " + FIELDS + " } }";
    private static final String REVISE = "mutation($namespace: String!, $id: ID!, $changes: JSON!, $baseRevision:"
            + " Int) { reviseChange(namespace: $namespace, id: $id, changes: $changes, baseRevision: $baseRevision) { "
            + FIELDS + " } }";
    private static final String APPROVE = "mutation($namespace: String!, $id: ID!, $comment: String) {"
            + " approveChange(namespace: $namespace, id: $id, comment: $comment) { " + FIELDS + " } }";
    private static final String REJECT = "mutation($namespace: String!, $id: ID!, $comment: String) {"
            + " rejectChange(namespace: $namespace, id: $id, comment: $comment) { " + FIELDS + " } }";
    static final String APPLY = "mutation($namespace: String!, $id: ID!, $expectedRevision: Int, $breakGlass:"
            + " String) { applyChange(namespace: $namespace, id: $id, expectedRevision: $expectedRevision,"
            + " breakGlass: $breakGlass) { " + COMMIT_FIELDS + " } }";
    static final String GET =
            "query($namespace: String!, $id: ID!) { changeRequest(namespace: $namespace, id: $id) { " + FIELDS + " } }";
    private static final String DIFF = "query($namespace: String!, $id: ID!) { changeRequest(namespace: $namespace,"
            + " id: $id) { id diff { layers { selector kind changes { path kind oldValue newValue } }"
            + " flags { key kind changes { path kind oldValue newValue } }"
            + " segments { key kind changes { path kind oldValue newValue } } } } }";
    private static final String LIST = "query($namespace: String!, $state: ChangeState, $first: Int) {"
            + " changeRequests(namespace: $namespace, state: $state, first: $first) { edges { node { " + FIELDS
            + " } } pageInfo { hasNextPage endCursor } } }";
    private static final String INBOX = "query($namespace: String!, $first: Int) { changeRequestInbox(namespace:"
            + " $namespace, first: $first) { edges { node { " + FIELDS + " } } pageInfo { hasNextPage endCursor } } }";

    @Command(
            name = "propose",
            description = {
                "Propose changes for review, validated at once. FILE (JSON or YAML; - for standard input) is a list",
                "of operations: {\"op\": \"putLayer\", \"selector\": {...}, \"content\": {...}}, deleteLayer, putFlag,",
                "putSegment, deleteSegment, registerSchema. Prints the change request's id."
            })
    int propose(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "FILE") String file,
            @Option(names = "--title", required = true, paramLabel = "TEXT") String title,
            @Option(names = "--description", paramLabel = "TEXT") String description,
            @Option(
                            names = "--base-revision",
                            paramLabel = "N",
                            description = "The revision the changes were written against (default: the latest).")
                    Integer baseRevision) {
        return run(() -> {
            JsonNode changes = operations(file);
            JsonNode request = api().execute(
                            PROPOSE,
                            "namespace",
                            namespace,
                            "title",
                            title,
                            "changes",
                            changes,
                            "description",
                            description,
                            "baseRevision",
                            baseRevision)
                    .path("proposeChange");
            return print(
                    request, "Proposed change request " + request.path("id").asString());
        });
    }

    @Command(name = "revise", description = "Replace the changes of an open change request; dismisses every approval.")
    int revise(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Parameters(paramLabel = "FILE") String file,
            @Option(names = "--base-revision", paramLabel = "N", description = "A new base revision.")
                    Integer baseRevision) {
        return run(() -> {
            JsonNode request = api().execute(
                            REVISE,
                            "namespace",
                            namespace,
                            "id",
                            id,
                            "changes",
                            operations(file),
                            "baseRevision",
                            baseRevision)
                    .path("reviseChange");
            return print(request, "Revised change request " + id + "; approvals dismissed");
        });
    }

    @Command(name = "list", description = "List change requests, newest first.")
    int list(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--state", paramLabel = "STATE", description = "open, applied or rejected.") String state,
            @Option(names = "--inbox", description = "Only those waiting for your approval.") boolean inbox,
            @Option(names = "--first", paramLabel = "N", defaultValue = "20", description = "At most N (default 20).")
                    int first) {
        return run(() -> {
            JsonNode connection = inbox
                    ? api().execute(INBOX, "namespace", namespace, "first", first)
                            .path("changeRequestInbox")
                    : api().execute(LIST, "namespace", namespace, "state", state(state), "first", first)
                            .path("changeRequests");
            List<JsonNode> requests = new ArrayList<>();
            connection.path("edges").forEach(edge -> requests.add(edge.path("node")));
            if (json()) {
                printJson(Json.tree(requests));
                return ExitStatus.OK.code();
            }
            if (requests.isEmpty()) {
                out().println(inbox ? "Nothing waits for your approval." : "No change requests.");
                return ExitStatus.OK.code();
            }
            Table table = Table.of("ID", "STATE", "APPROVALS", "ENVIRONMENTS", "AUTHOR", "TITLE");
            for (JsonNode request : requests) {
                table.row(
                        request.path("id").asString(),
                        request.path("state").asString(),
                        request.path("approvals").size() + "/"
                                + request.path("requiredApprovals").asInt(),
                        environments(request),
                        request.path("author").asString(),
                        request.path("title").asString());
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "show", description = "Show a change request: its changes, approvals and history.")
    int show(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "ID") String id) {
        return run(() -> {
            JsonNode request =
                    api().execute(GET, "namespace", namespace, "id", id).path("changeRequest");
            if (json()) {
                printJson(request);
                return ExitStatus.OK.code();
            }
            describe(out(), request);
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "approve", description = "Approve (APPROVER or above; never your own).")
    int approve(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Option(
                            names = {"-c", "--comment"},
                            paramLabel = "TEXT")
                    String comment) {
        return run(() -> {
            JsonNode request = api().execute(APPROVE, "namespace", namespace, "id", id, "comment", comment)
                    .path("approveChange");
            return print(request, "Approved change request " + id);
        });
    }

    @Command(name = "reject", description = "Reject (APPROVER or above, or the author withdrawing it).")
    int reject(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Option(
                            names = {"-c", "--comment"},
                            paramLabel = "TEXT")
                    String comment) {
        return run(() -> {
            JsonNode request = api().execute(REJECT, "namespace", namespace, "id", id, "comment", comment)
                    .path("rejectChange");
            return print(request, "Rejected change request " + id);
        });
    }

    @Command(
            name = "apply",
            description = {
                "Apply an approved change request: all of its changes as one revision. Exit 8 while approvals",
                "are missing, 3 when something it changes changed after its base revision."
            })
    int apply(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Mixin RevisionOption revision,
            @Option(
                            names = "--break-glass",
                            paramLabel = "REASON",
                            description = "Platform admin only: apply without approvals, for REASON (audited).")
                    String breakGlass) {
        return run(() -> {
            JsonNode commit = api().execute(
                            APPLY,
                            "namespace",
                            namespace,
                            "id",
                            id,
                            "expectedRevision",
                            revision.expectedRevision,
                            "breakGlass",
                            breakGlass)
                    .path("applyChange");
            return printCommit(commit, "Applied change request " + id);
        });
    }

    @Command(name = "diff", description = "What applying it would change, against the latest revision.")
    int diff(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "ID") String id) {
        return run(() -> {
            JsonNode diff =
                    api().execute(DIFF, "namespace", namespace, "id", id).at("/changeRequest/diff");
            if (json()) {
                printJson(diff);
                return ExitStatus.OK.code();
            }
            int lines = 0;
            for (JsonNode layer : diff.path("layers")) {
                lines += printDiff(out(), "layer " + tuple(selector(layer.path("selector"))), layer);
            }
            for (JsonNode flag : diff.path("flags")) {
                lines += printDiff(out(), "flag " + flag.path("key").asString(), flag);
            }
            for (JsonNode segment : diff.path("segments")) {
                lines += printDiff(out(), "segment " + segment.path("key").asString(), segment);
            }
            if (lines == 0) {
                out().println("No differences from the latest revision.");
            }
            return ExitStatus.OK.code();
        });
    }

    // ---- shared with apply ---------------------------------------------------------------------

    /**
     * Waits until the change request is applied or rejected, printing each new approval; once it
     * has every approval it needs, applies it. Returns the exit code: 0 applied, 9 rejected, 8 when
     * {@code timeout} passed first.
     */
    static int waitFor(
            GraphQlClient api, PrintWriter out, String namespace, String id, Duration timeout, Duration poll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        while (true) {
            JsonNode request =
                    api.execute(GET, "namespace", namespace, "id", id).path("changeRequest");
            String state = request.path("state").asString();
            int approvals = request.path("approvals").size();
            if (approvals != seen) {
                seen = approvals;
                out.println("Change request " + id + ": " + state + ", approvals " + approvals + "/"
                        + request.path("requiredApprovals").asInt() + approvers(request));
                out.flush();
            }
            if (state.equals("APPLIED")) {
                out.println(
                        "Applied as revision " + request.path("appliedRevision").asInt() + ".");
                return ExitStatus.OK.code();
            }
            if (state.equals("REJECTED")) {
                out.println("Rejected" + lastComment(request, "reject") + ".");
                return ExitStatus.REJECTED.code();
            }
            if (request.path("missingApprovals").isEmpty()) {
                JsonNode commit =
                        api.execute(APPLY, "namespace", namespace, "id", id).path("applyChange");
                out.println("Applied change request " + id + " as revision "
                        + commit.path("revision").asInt() + ".");
                return ExitStatus.OK.code();
            }
            if (System.nanoTime() > deadline) {
                out.println("Gave up waiting: " + String.join("; ", texts(request.path("missingApprovals"))) + ".");
                return ExitStatus.APPROVAL_REQUIRED.code();
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitStatus.APPROVAL_REQUIRED.code();
            }
        }
    }

    static void describe(PrintWriter out, JsonNode request) {
        out.println("Change request " + request.path("id").asString() + ": "
                + request.path("title").asString());
        out.println("  state:      " + request.path("state").asString()
                + (request.path("appliedRevision").isNull()
                                || request.path("appliedRevision").isMissingNode()
                        ? ""
                        : " (revision " + request.path("appliedRevision").asInt() + ")"));
        out.println("  author:     " + request.path("author").asString());
        out.println("  base:       revision " + request.path("baseRevision").asInt());
        out.println("  protected:  " + environments(request));
        out.println("  approvals:  " + request.path("approvals").size() + "/"
                + request.path("requiredApprovals").asInt() + approvers(request));
        for (JsonNode missing : request.path("missingApprovals")) {
            out.println("  missing:    " + missing.asString());
        }
        JsonNode expires = request.get("expiresAt");
        if (expires != null && !expires.isNull()) {
            out.println("  expires:    " + expires.asString());
        }
        JsonNode description = request.get("description");
        if (description != null && !description.isNull()) {
            out.println();
            out.println("  " + description.asString().replace("\n", "\n  "));
        }
        out.println();
        out.println("Changes:");
        for (JsonNode op : request.path("changes")) {
            out.println("  " + operationLine(op));
        }
        if (!request.path("comments").isEmpty()) {
            out.println();
            out.println("History:");
            for (JsonNode comment : request.path("comments")) {
                JsonNode text = comment.get("text");
                out.println("  " + comment.path("at").asString() + " "
                        + comment.path("actor").asString() + " "
                        + comment.path("kind").asString()
                        + (text == null || text.isNull() ? "" : ": " + text.asString()));
            }
        }
    }

    /** {@code putLayer (prod,*,*)}, {@code putFlag new-checkout}. */
    static String operationLine(JsonNode op) {
        String name = op.path("op").asString();
        if (op.has("selector")) {
            return name + " " + Json.compact(op.get("selector"));
        }
        if (op.has("flag")) {
            return name + " " + op.at("/flag/key").asString();
        }
        if (op.has("segment")) {
            return name + " " + op.at("/segment/key").asString();
        }
        if (op.has("key")) {
            return name + " " + op.path("key").asString();
        }
        return name;
    }

    /** Prints {@code label} and one line per path change; returns the lines printed. */
    static int printDiff(PrintWriter out, String label, JsonNode diff) {
        String kind = diff.path("kind").asString();
        String mark = kind.equals("ADDED") ? "+" : kind.equals("REMOVED") ? "-" : "~";
        out.println(mark + " " + label);
        int lines = 1;
        for (JsonNode change : diff.path("changes")) {
            out.println("    " + change.path("path").asString() + ": " + Json.cell(change.get("oldValue")) + " -> "
                    + Json.cell(change.get("newValue")));
            lines++;
        }
        return lines;
    }

    private int print(JsonNode request, String what) {
        if (json()) {
            printJson(request);
        } else {
            out().println(what + " (" + request.path("state").asString() + ", approvals "
                    + request.path("approvals").size() + "/"
                    + request.path("requiredApprovals").asInt()
                    + (request.path("environments").isEmpty() ? "" : ", protected: " + environments(request))
                    + ").");
        }
        return ExitStatus.OK.code();
    }

    private JsonNode operations(String file) {
        JsonNode read = Documents.read(file, root().stdin());
        JsonNode changes = read.isObject() && read.has("changes") ? read.get("changes") : read;
        if (!changes.isArray()) {
            throw CliException.usage(file + ": expected a list of change operations (or {\"changes\": [...]})");
        }
        return changes;
    }

    private static String state(String state) {
        if (state == null) {
            return null;
        }
        String upper = state.strip().toUpperCase(Locale.ROOT);
        if (!List.of("OPEN", "APPLIED", "REJECTED").contains(upper)) {
            throw CliException.usage("bad --state '" + state + "': expected open, applied or rejected");
        }
        return upper;
    }

    private static String environments(JsonNode request) {
        List<String> names = texts(request.path("environments"));
        return names.isEmpty() ? "-" : String.join(",", names);
    }

    private static String approvers(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("approvals")
                .forEach(approval -> names.add(approval.path("actor").asString()));
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    private static String lastComment(JsonNode request, String kind) {
        String text = "";
        for (JsonNode comment : request.path("comments")) {
            if (comment.path("kind").asString().equals(kind)) {
                JsonNode t = comment.get("text");
                text = " by " + comment.path("actor").asString() + (t == null || t.isNull() ? "" : ": " + t.asString());
            }
        }
        return text;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }

    private static java.util.Map<String, String> selector(JsonNode node) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        node.properties()
                .forEach(entry -> out.put(entry.getKey(), entry.getValue().asString()));
        return out;
    }
}
