package io.cascade.cli;

import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Selectors;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade validate}: a dry run of {@code layer put}. */
@Command(
        name = "validate",
        description = {
            "Dry-run 'layer put': report every violation, commit nothing.",
            "FILE is JSON or YAML (- for standard input). Exit 0 if valid, 1 if not."
        })
final class ValidateCommand extends CommandSupport {

    private static final String VALIDATE = "query($namespace: String!, $selector: JSON!, $content: JSON!) {"
            + " validateLayer(namespace: $namespace, selector: $selector, content: $content) {"
            + " valid violations { " + VIOLATION_FIELDS + " } } }";

    @Parameters(index = "0", paramLabel = "NS")
    String namespace;

    @Option(names = "--selector", required = true, paramLabel = "SELECTOR")
    String selector;

    @Parameters(index = "1", paramLabel = "FILE")
    String file;

    @Override
    public Integer call() {
        return run(() -> {
            Map<String, String> parsed = Selectors.fixed(dimensions(namespace, selector, "selector"));
            JsonNode content = Documents.readObject(file, root().stdin());
            JsonNode report = api().execute(VALIDATE, "namespace", namespace, "selector", parsed, "content", content)
                    .path("validateLayer");
            if (json()) {
                printJson(report);
            }
            if (!report.path("valid").asBoolean(false)) {
                boolean overrides = report.path("violations")
                        .valueStream()
                        .allMatch(v -> v.path("rule").isString());
                throw invalid(
                        overrides ? "ILLEGAL_OVERRIDE" : "VALIDATION_FAILED",
                        "layer " + Selectors.pairs(parsed) + " of " + namespace + " would cause "
                                + report.path("violations").size() + " violation(s)",
                        report.path("violations"));
            }
            if (!json()) {
                out().println("Valid: putting this layer at " + Selectors.pairs(parsed) + " breaks no scope of "
                        + namespace + ".");
            }
            return ExitStatus.OK.code();
        });
    }
}
