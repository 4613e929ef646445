package io.cascade.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade restore}: commit an earlier revision's content again. */
@Command(
        name = "restore",
        description = {
            "Commit a new revision with the layers, flags and segments of revision REV.",
            "The schema stays the current one; the restored content must validate against it."
        })
final class RestoreCommand extends CommandSupport {

    private static final String RESTORE = "mutation($namespace: String!, $revision: Int!, $expectedRevision: Int,"
            + " $message: String) { restoreRevision(namespace: $namespace, revision: $revision,"
            + " expectedRevision: $expectedRevision, message: $message) { " + COMMIT_FIELDS + " } }";

    @Parameters(index = "0", paramLabel = "NS")
    String namespace;

    @Parameters(index = "1", paramLabel = "REV")
    int revision;

    @Mixin
    RevisionOption expected;

    @Mixin
    MessageOption message;

    @Override
    public Integer call() {
        return run(() -> {
            JsonNode commit = api().execute(
                            RESTORE,
                            "namespace",
                            namespace,
                            "revision",
                            revision,
                            "expectedRevision",
                            expected.expectedRevision,
                            "message",
                            message.message)
                    .path("restoreRevision");
            return printCommit(commit, "Restored revision " + revision);
        });
    }
}
