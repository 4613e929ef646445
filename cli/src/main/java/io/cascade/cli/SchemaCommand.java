package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade schema}: the namespace's JSON Schema and its versions. */
@Command(name = "schema", description = "The JSON Schema of a namespace's resolved config: push, show, diff.")
final class SchemaCommand extends CommandSupport {

    private static final String REGISTER = "mutation($namespace: String!, $schema: JSON!, $expectedRevision: Int,"
            + " $dryRun: Boolean) { registerSchema(namespace: $namespace, schema: $schema,"
            + " expectedRevision: $expectedRevision, dryRun: $dryRun) { namespace version committed revision valid"
            + " violations { " + VIOLATION_FIELDS + " } changes { path kind breaking message } breaking } }";
    private static final String SHOW = "query($name: String!) { namespace(name: $name) {"
            + " schema { version revision schema author registeredAt }"
            + " schemaVersions { version revision schema author registeredAt } } }";

    @Command(
            name = "push",
            description = {
                "Register the namespace's next schema version.",
                "FILE is JSON or YAML (- for standard input). Prints the version, the safe/breaking changes and",
                "any violations; refused (exit 1) if any current scope would fail it."
            })
    int push(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "FILE") String file,
            @Option(names = "--dry-run", description = "Report what would happen; commit nothing.") boolean dryRun,
            @Mixin RevisionOption revision) {
        return run(() -> register(namespace, file, dryRun, revision.expectedRevision));
    }

    @Command(
            name = "diff",
            description = {
                "Dry-run a schema: its changes from the current one, and the scopes it would fail.",
                "FILE is JSON or YAML (- for standard input). Nothing is committed. Exit 1 if it would be refused."
            })
    int diff(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "FILE") String file) {
        return run(() -> register(namespace, file, true, null));
    }

    @Command(name = "show", description = "Print the current schema (or --version V) of a namespace.")
    int show(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(
                            names = "--version",
                            paramLabel = "V",
                            description = "A registered version (default: the current one).")
                    Integer version) {
        return run(() -> {
            JsonNode ns = api().execute(SHOW, "name", namespace).path("namespace");
            JsonNode chosen = ns.path("schema");
            if (version != null) {
                chosen = null;
                for (JsonNode candidate : ns.path("schemaVersions")) {
                    if (candidate.path("version").asInt() == version) {
                        chosen = candidate;
                    }
                }
                if (chosen == null) {
                    throw CliException.of(
                            ExitStatus.NOT_FOUND,
                            "NOT_FOUND",
                            "namespace " + namespace + " has no schema version " + version);
                }
            }
            if (!chosen.isObject()) {
                throw CliException.of(ExitStatus.NOT_FOUND, "NOT_FOUND", "namespace " + namespace + " has no schema");
            }
            printJson(json() ? chosen : chosen.path("schema"));
            return ExitStatus.OK.code();
        });
    }

    private int register(String namespace, String file, boolean dryRun, Integer expectedRevision) {
        JsonNode schema = Documents.readObject(file, root().stdin());
        JsonNode result = api().execute(
                        REGISTER,
                        "namespace",
                        namespace,
                        "schema",
                        schema,
                        "expectedRevision",
                        expectedRevision,
                        "dryRun",
                        dryRun)
                .path("registerSchema");
        boolean valid = result.path("valid").asBoolean(false);
        if (json()) {
            printJson(result);
        } else {
            printRegistration(result);
        }
        if (!valid) {
            throw invalid(
                    "VALIDATION_FAILED",
                    "schema version " + result.path("version").asInt() + " would fail "
                            + result.path("violations").size() + " scope(s) of " + namespace,
                    result.path("violations"));
        }
        return ExitStatus.OK.code();
    }

    private void printRegistration(JsonNode result) {
        int version = result.path("version").asInt();
        String namespace = result.path("namespace").asString();
        if (result.path("committed").asBoolean(false)) {
            out().println("Registered schema version " + version + " of " + namespace + ": committed revision "
                    + result.path("revision").asInt() + ".");
        } else {
            out().println("Dry run: this would be schema version " + version + " of " + namespace + " ("
                    + (result.path("valid").asBoolean(false) ? "valid" : "refused") + "); nothing committed.");
        }
        JsonNode changes = result.path("changes");
        if (changes.isEmpty()) {
            out().println(
                            version == 1
                                    ? "The first schema version: nothing to compare with."
                                    : "No structural changes.");
            return;
        }
        out().println(result.path("breaking").asBoolean(false) ? "Changes (some breaking):" : "Changes (all safe):");
        Table table = Table.of("IMPACT", "PATH", "KIND", "CHANGE");
        for (JsonNode change : changes) {
            table.row(
                    change.path("breaking").asBoolean(false) ? "BREAKING" : "safe",
                    Json.cell(change.get("path")).equals("-") ? "/" : Json.cell(change.get("path")),
                    Json.cell(change.get("kind")),
                    Json.cell(change.get("message")));
        }
        out().print(table.render());
    }
}
