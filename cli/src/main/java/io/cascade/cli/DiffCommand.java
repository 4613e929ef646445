package io.cascade.cli;

import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade diff}: what changed between two revisions. */
@Command(
        name = "diff",
        description = {
            "Show what changed between two revisions, layer by layer.",
            "TO defaults to the latest. + added, - removed, ~ modified, with each JSON Pointer's old and new value."
        })
final class DiffCommand extends CommandSupport {

    private static final String DIFF = "query($namespace: String!, $from: Int!, $to: Int) {"
            + " diff(namespace: $namespace, fromRevision: $from, toRevision: $to) { namespace fromRevision toRevision"
            + " schemaChanged layers { selector kind changes { path kind oldValue newValue } } } }";

    @Parameters(index = "0", paramLabel = "NS")
    String namespace;

    @Parameters(index = "1", paramLabel = "FROM")
    int from;

    @Parameters(index = "2", paramLabel = "TO", arity = "0..1")
    Integer to;

    @Override
    public Integer call() {
        return run(() -> {
            JsonNode diff = api().execute(DIFF, "namespace", namespace, "from", from, "to", to)
                    .path("diff");
            if (json()) {
                printJson(diff);
                return ExitStatus.OK.code();
            }
            out().println(diff.path("namespace").asString() + ": revision "
                    + diff.path("fromRevision").asInt() + " -> "
                    + diff.path("toRevision").asInt());
            if (diff.path("schemaChanged").asBoolean(false)) {
                out().println("~ schema changed");
            }
            if (diff.path("layers").isEmpty()) {
                out().println("(no layer changes)");
            }
            for (JsonNode layer : diff.path("layers")) {
                out().println(mark(layer.path("kind").asString()) + " layer "
                        + Selectors.tuple(layer.path("selector")));
                for (JsonNode change : layer.path("changes")) {
                    out().println("    " + change(change));
                }
            }
            return ExitStatus.OK.code();
        });
    }

    static String change(JsonNode change) {
        String path = change.path("path").asString();
        path = path.isEmpty() ? "/" : path;
        String kind = change.path("kind").asString();
        return switch (kind) {
            case "ADDED" -> "+ " + path + ": " + value(change.get("newValue"));
            case "REMOVED" -> "- " + path + ": " + value(change.get("oldValue"));
            default -> "~ " + path + ": " + value(change.get("oldValue")) + " -> " + value(change.get("newValue"));
        };
    }

    private static String mark(String kind) {
        return switch (kind) {
            case "ADDED" -> "+";
            case "REMOVED" -> "-";
            default -> "~";
        };
    }

    private static String value(JsonNode value) {
        return value == null || value.isMissingNode() ? "null" : Json.compact(value);
    }
}
