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

/** {@code cascade segments}: reusable cohorts for flag rules. */
@Command(
        name = "segments",
        aliases = "segment",
        description = "Segments, reusable cohorts for flag rules: list, get, put, delete.")
final class SegmentCommand extends CommandSupport {

    private static final String FIELDS = "key revision document";
    private static final String LIST = "query($namespace: String!, $at: Int) { segments(namespace: $namespace,"
            + " asOfRevision: $at) { " + FIELDS + " } }";
    private static final String GET =
            "query($namespace: String!, $key: String!, $at: Int) { segment(namespace: $namespace,"
                    + " key: $key, asOfRevision: $at) { " + FIELDS + " } }";
    private static final String PUT =
            "mutation($namespace: String!, $segment: JSON!, $expectedRevision: Int, $message: String) {"
                    + " putSegment(namespace: $namespace, segment: $segment, expectedRevision: $expectedRevision, message: $message) { "
                    + COMMIT_FIELDS + " } }";
    private static final String DELETE =
            "mutation($namespace: String!, $key: String!, $expectedRevision: Int, $message: String) {"
                    + " deleteSegment(namespace: $namespace, key: $key, expectedRevision: $expectedRevision, message: $message) { "
                    + COMMIT_FIELDS + " } }";

    @Command(name = "list", description = "List the segments of a namespace.")
    int list(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--at", paramLabel = "REV", description = "As of revision REV.") Integer at) {
        return run(() -> {
            JsonNode segments =
                    api().execute(LIST, "namespace", namespace, "at", at).path("segments");
            if (json()) {
                printJson(segments);
                return ExitStatus.OK.code();
            }
            Table table = Table.of("KEY", "INCLUDED", "EXCLUDED", "REVISION", "WHEN");
            for (JsonNode segment : segments) {
                JsonNode document = segment.path("document");
                table.row(
                        Json.cell(segment.get("key")),
                        document.path("included").size(),
                        document.path("excluded").size(),
                        segment.path("revision").asInt(),
                        Json.cell(document.get("when")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "get", description = "Print a segment's document (-o json: with key and revision).")
    int get(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "KEY") String key,
            @Option(names = "--at", paramLabel = "REV", description = "As of revision REV.") Integer at) {
        return run(() -> {
            JsonNode segment = api().execute(GET, "namespace", namespace, "key", key, "at", at)
                    .path("segment");
            printJson(json() ? segment : segment.path("document"));
            return ExitStatus.OK.code();
        });
    }

    @Command(
            name = "put",
            description = {
                "Create or replace a segment from its document, FILE (JSON or YAML; - for standard input):",
                "{\"key\", \"included\": [...], \"excluded\": [...], \"when\": \"<rule>\"}."
            })
    int put(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "FILE") String file,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            JsonNode segment = Documents.readObject(file, root().stdin());
            JsonNode commit = api().execute(
                            PUT,
                            "namespace",
                            namespace,
                            "segment",
                            segment,
                            "expectedRevision",
                            revision.expectedRevision,
                            "message",
                            message.message)
                    .path("putSegment");
            return printCommit(commit, "Put segment " + Json.cell(segment.get("key")));
        });
    }

    @Command(name = "delete", description = "Remove a segment that no flag or segment uses.")
    int delete(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "KEY") String key,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            JsonNode commit = api().execute(
                            DELETE,
                            "namespace",
                            namespace,
                            "key",
                            key,
                            "expectedRevision",
                            revision.expectedRevision,
                            "message",
                            message.message)
                    .path("deleteSegment");
            return printCommit(commit, "Deleted segment " + key);
        });
    }
}
