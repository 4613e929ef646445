package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Selectors;
import io.cascade.cli.text.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code cascade history}: revisions, newest first. */
@Command(name = "history", description = "List the revisions of a namespace, newest first.")
final class HistoryCommand extends CommandSupport {

    private static final String HISTORY = "query($namespace: String!, $first: Int, $after: String) {"
            + " history(namespace: $namespace, first: $first, after: $after) { edges { node {"
            + " revision author message committedAt changes { kind action target } } }"
            + " pageInfo { hasNextPage endCursor } } }";

    @Parameters(paramLabel = "NS")
    String namespace;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N revisions (default 20).")
    int limit;

    @Override
    public Integer call() {
        return run(() -> {
            if (limit < 1) {
                throw CliException.usage("--limit must be at least 1");
            }
            ArrayNode revisions = Json.MAPPER.createArrayNode();
            String after = null;
            do {
                JsonNode page = api().execute(
                                HISTORY,
                                "namespace",
                                namespace,
                                "first",
                                Math.min(100, limit - revisions.size()),
                                "after",
                                after)
                        .path("history");
                for (JsonNode edge : page.path("edges")) {
                    revisions.add(edge.path("node"));
                }
                boolean more = page.path("pageInfo").path("hasNextPage").asBoolean(false)
                        && !page.path("edges").isEmpty();
                after = more ? page.path("pageInfo").path("endCursor").asString() : null;
            } while (after != null && revisions.size() < limit);
            if (json()) {
                printJson(revisions);
                return ExitStatus.OK.code();
            }
            Table table = Table.of("REVISION", "AUTHOR", "COMMITTED", "CHANGES", "MESSAGE");
            for (JsonNode revision : revisions) {
                table.row(
                        revision.path("revision").asInt(),
                        Json.cell(revision.get("author")),
                        Json.cell(revision.get("committedAt")),
                        changes(revision.path("changes")),
                        Json.cell(revision.get("message")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    private static String changes(JsonNode changes) {
        List<String> lines = new ArrayList<>();
        for (JsonNode change : changes) {
            JsonNode target = change.get("target");
            String what = target == null || target.isNull()
                    ? ""
                    : " " + (target.isObject() ? Selectors.tuple(target) : Json.cell(target));
            lines.add(Json.cell(change.get("action")) + " " + Json.cell(change.get("kind")) + what);
        }
        return lines.isEmpty() ? "-" : String.join("; ", lines);
    }
}
