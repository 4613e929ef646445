package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cascade flags}: feature flags. */
@Command(name = "flags", aliases = "flag", description = "Feature flags: list, get, create, targeting, archive, eval.")
final class FlagCommand extends CommandSupport {

    private static final String FLAG_FIELDS = "key type archived revision document";
    private static final String LIST =
            "query($namespace: String!, $archived: Boolean, $at: Int) { flags(namespace: $namespace,"
                    + " includeArchived: $archived, asOfRevision: $at) { " + FLAG_FIELDS + " } }";
    private static final String GET =
            "query($namespace: String!, $key: String!, $at: Int) { flag(namespace: $namespace,"
                    + " key: $key, asOfRevision: $at) { " + FLAG_FIELDS + " } }";
    private static final String REVISION = "query($name: String!) { namespace(name: $name) { revision } }";
    static final String PUT = "mutation($namespace: String!, $flag: JSON!, $expectedRevision: Int, $message: String) {"
            + " putFlag(namespace: $namespace, flag: $flag, expectedRevision: $expectedRevision, message: $message) { "
            + COMMIT_FIELDS + " } }";
    private static final String ARCHIVE = "mutation($namespace: String!, $key: String!, $archived: Boolean,"
            + " $expectedRevision: Int, $message: String) { archiveFlag(namespace: $namespace, key: $key,"
            + " archived: $archived, expectedRevision: $expectedRevision, message: $message) { " + COMMIT_FIELDS
            + " } }";
    private static final String EVAL =
            "query($namespace: String!, $environment: String!, $key: String!, $context: JSON!) {"
                    + " evaluateFlag(namespace: $namespace, environment: $environment, key: $key, context: $context) {"
                    + " key value variation reason errorCode ruleId message inExperiment } }";

    @Command(name = "list", description = "List the flags of a namespace, in key order.")
    int list(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--archived", description = "Include archived flags.") boolean archived,
            @Option(names = "--at", paramLabel = "REV", description = "As of revision REV.") Integer at) {
        return run(() -> {
            JsonNode flags = api().execute(LIST, "namespace", namespace, "archived", archived, "at", at)
                    .path("flags");
            if (json()) {
                printJson(flags);
                return ExitStatus.OK.code();
            }
            Table table = Table.of("KEY", "TYPE", "ENVIRONMENTS", "ARCHIVED", "REVISION", "DESCRIPTION");
            for (JsonNode flag : flags) {
                table.row(
                        Json.cell(flag.get("key")),
                        Json.cell(flag.get("type")),
                        environments(flag.path("document")),
                        flag.path("archived").asBoolean(false) ? "yes" : "no",
                        flag.path("revision").asInt(),
                        Json.cell(flag.path("document").get("description")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "get", description = "Print a flag's document (-o json: with key, type, archived and revision).")
    int get(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "KEY") String key,
            @Option(names = "--at", paramLabel = "REV", description = "As of revision REV.") Integer at) {
        return run(() -> {
            JsonNode flag = api().execute(GET, "namespace", namespace, "key", key, "at", at)
                    .path("flag");
            printJson(json() ? flag : flag.path("document"));
            return ExitStatus.OK.code();
        });
    }

    @Command(
            name = "create",
            aliases = "put",
            description = {
                "Create or replace a flag from its document.",
                "FILE is JSON or YAML (- for standard input): {\"key\", \"type\", \"variations\", \"environments\":",
                "{ENV: {\"enabled\", \"offVariation\", \"targets\", \"rules\", \"fallthrough\"}}, ...}. See docs/flags.md."
            })
    int create(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "FILE") String file,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            JsonNode flag = Documents.readObject(file, root().stdin());
            JsonNode commit = put(namespace, flag, revision.expectedRevision, message.message);
            return printCommit(commit, "Put flag " + Json.cell(flag.get("key")));
        });
    }

    @Command(
            name = "targeting",
            description = {
                "Replace the targeting of one environment of a flag.",
                "FILE is JSON or YAML (- for standard input): {\"enabled\", \"offVariation\", \"targets\", \"rules\",",
                "\"fallthrough\"}. Reads the flag and puts it back expecting the revision read (or",
                "--expected-revision), so a concurrent change fails with exit 3 instead of being lost."
            })
    int targeting(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "KEY") String key,
            @Option(names = "--env", required = true, paramLabel = "ENV") String environment,
            @Parameters(paramLabel = "FILE") String file,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            JsonNode targeting = Documents.readObject(file, root().stdin());
            // Read the flag as of the namespace revision we expect, so a change after it makes the put a CONFLICT.
            // With --expected-revision, the latest is read: if the namespace is not at that revision the put fails
            // anyway.
            Integer given = revision.expectedRevision;
            int expected = given != null
                    ? given
                    : api().execute(REVISION, "name", namespace)
                            .path("namespace")
                            .path("revision")
                            .asInt();
            JsonNode current = api().execute(
                            GET, "namespace", namespace, "key", key, "at", given == null ? expected : null)
                    .path("flag")
                    .path("document");
            JsonNode document = withTargeting(current, environment, targeting);
            JsonNode commit = put(namespace, document, expected, message.message);
            return printCommit(commit, "Set targeting of flag " + key + " in " + environment);
        });
    }

    @Command(
            name = "archive",
            description = "Archive a flag (--undo: bring it back). Archived flags evaluate to their default.")
    int archive(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "KEY") String key,
            @Option(names = "--undo", description = "Unarchive.") boolean undo,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            JsonNode commit = api().execute(
                            ARCHIVE,
                            "namespace",
                            namespace,
                            "key",
                            key,
                            "archived",
                            !undo,
                            "expectedRevision",
                            revision.expectedRevision,
                            "message",
                            message.message)
                    .path("archiveFlag");
            return printCommit(commit, (undo ? "Unarchived flag " : "Archived flag ") + key);
        });
    }

    /** Exactly one of --context and --context-file. */
    static final class Context {
        @Option(
                names = "--context",
                paramLabel = "JSON",
                required = true,
                description = "The evaluation context, e.g. {\"targetingKey\":\"u1\",\"country\":\"US\"}.")
        String json;

        @Option(
                names = "--context-file",
                paramLabel = "FILE",
                required = true,
                description = "The context from a JSON or YAML file (- for standard input).")
        String file;
    }

    @Command(
            name = "eval",
            description = {
                "Evaluate a flag for one context in one environment, as the server does.",
                "Exits 6 (not found) when the flag, or its block for ENV, does not exist (FLAG_NOT_FOUND)."
            })
    int eval(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "KEY") String key,
            @Option(names = "--env", required = true, paramLabel = "ENV") String environment,
            @ArgGroup(exclusive = true, multiplicity = "1") Context context) {
        return run(() -> {
            JsonNode ctx = context.json != null
                    ? Documents.parse(context.json, "--context")
                    : Documents.read(context.file, root().stdin());
            if (!ctx.isObject()) {
                throw CliException.usage("the context must be a JSON object");
            }
            JsonNode result = api().execute(
                            EVAL, "namespace", namespace, "environment", environment, "key", key, "context", ctx)
                    .path("evaluateFlag");
            int status = "FLAG_NOT_FOUND".equals(result.path("errorCode").asString(""))
                    ? ExitStatus.NOT_FOUND.code()
                    : ExitStatus.OK.code();
            if (json()) {
                printJson(result);
                return status;
            }
            out().print(Table.properties(List.of(
                    new String[] {"flag", Json.cell(result.get("key"))},
                    new String[] {"value", result.has("value") ? Json.compact(result.get("value")) : "null"},
                    new String[] {"variation", Json.cell(result.get("variation"))},
                    new String[] {"reason", Json.cell(result.get("reason"))},
                    new String[] {"rule", Json.cell(result.get("ruleId"))},
                    new String[] {"error", Json.cell(result.get("errorCode"))},
                    new String[] {"message", Json.cell(result.get("message"))},
                    new String[] {"in experiment", result.path("inExperiment").asBoolean(false) ? "yes" : "no"})));
            if (status != ExitStatus.OK.code()) {
                err().println("error: FLAG_NOT_FOUND: " + Json.cell(result.get("message")));
            }
            return status;
        });
    }

    /** {@code document} with {@code environments[environment]} replaced by {@code targeting}. */
    static JsonNode withTargeting(JsonNode document, String environment, JsonNode targeting) {
        ObjectNode copy = document.isObject() ? (ObjectNode) document.deepCopy() : Json.object();
        JsonNode environments = copy.get("environments");
        ObjectNode envs = environments != null && environments.isObject()
                ? (ObjectNode) environments
                : copy.putObject("environments");
        envs.set(environment, targeting.deepCopy());
        return copy;
    }

    private JsonNode put(String namespace, JsonNode flag, Integer expected, String message) {
        return api().execute(
                        PUT, "namespace", namespace, "flag", flag, "expectedRevision", expected, "message", message)
                .path("putFlag");
    }

    private static String environments(JsonNode document) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> env : document.path("environments").properties()) {
            parts.add(env.getKey() + ":" + (env.getValue().path("enabled").asBoolean(false) ? "on" : "off"));
        }
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }
}
