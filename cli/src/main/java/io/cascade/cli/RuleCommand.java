package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Json;
import io.cascade.rules.CompileResult;
import io.cascade.rules.Diagnostic;
import io.cascade.rules.RuleCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cascade rules}: the targeting rules DSL. */
@Command(name = "rules", aliases = "rule", description = "The targeting rules language: check.")
final class RuleCommand extends CommandSupport {

    private static final String CHECK =
            "query($namespace: String!, $source: String!) { checkRule(namespace: $namespace,"
                    + " source: $source) { valid diagnostics { code line column message rendered } } }";

    @Command(
            name = "check",
            description = {
                "Check a rule: exit 0 if valid, 1 if not, printing each problem with line, column and a caret.",
                "Offline by default; with --namespace the server checks it (against that namespace's segments)."
            })
    int check(
            @Parameters(
                            paramLabel = "EXPR",
                            arity = "0..1",
                            description = "The rule, e.g. 'country in [\"US\", \"CA\"]'.")
                    String expression,
            @Option(
                            names = "--file",
                            paramLabel = "FILE",
                            description = "Read the rule from FILE (- for standard input).")
                    String file,
            @Option(names = "--namespace", paramLabel = "NS", description = "Ask the server, in this namespace.")
                    String namespace) {
        return run(() -> {
            if ((expression == null) == (file == null)) {
                throw CliException.usage(
                        "give the rule as EXPR or with --file, not " + (file == null ? "neither" : "both"));
            }
            String source =
                    expression != null ? expression : stripFinalNewline(Documents.readText(file, root().stdin()));
            JsonNode check = namespace == null
                    ? local(source)
                    : api().execute(CHECK, "namespace", namespace, "source", source)
                            .path("checkRule");
            if (json()) {
                printJson(check);
            }
            if (check.path("valid").asBoolean(false)) {
                if (!json()) {
                    out().println("ok: the rule is valid.");
                }
                return ExitStatus.OK.code();
            }
            for (JsonNode diagnostic : check.path("diagnostics")) {
                err().println("error: " + diagnostic.path("code").asString() + ": "
                        + diagnostic.path("rendered").asString());
            }
            return ExitStatus.INVALID.code();
        });
    }

    /** The local compiler's verdict in the shape of the API's {@code RuleCheck}. */
    static JsonNode local(String source) {
        CompileResult result = RuleCompiler.create().compile(source);
        ObjectNode check = Json.object();
        check.put("valid", result.ok());
        ArrayNode diagnostics = check.putArray("diagnostics");
        for (Diagnostic diagnostic : result.diagnostics()) {
            ObjectNode node = diagnostics.addObject();
            node.put("code", diagnostic.code());
            node.put("line", diagnostic.span().line());
            node.put("column", diagnostic.span().column());
            node.put("message", diagnostic.message());
            node.put("rendered", diagnostic.render(source));
        }
        return check;
    }

    private static String stripFinalNewline(String text) {
        return text.endsWith("\r\n")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
