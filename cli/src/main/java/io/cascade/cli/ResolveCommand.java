package io.cascade.cli;

import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Selectors;
import io.cascade.cli.text.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade resolve}: the merged config of one scope. */
@Command(
        name = "resolve",
        description = {
            "Print the config of one scope: every matching layer merged, least specific first.",
            "With --explain, a table of every leaf and the layer that set it."
        })
final class ResolveCommand extends CommandSupport {

    private static final String RESOLVE = "query($namespace: String!, $scope: JSON!, $at: Int, $explain: Boolean) {"
            + " resolveConfig(namespace: $namespace, scope: $scope, asOfRevision: $at, explain: $explain) {"
            + " namespace revision scope config sources { path selector } } }";

    @Parameters(paramLabel = "NS")
    String namespace;

    @Option(
            names = "--scope",
            required = true,
            paramLabel = "SCOPE",
            description = "One value per dimension: environment=prod,site=us-east-1,tenant=acme, or a JSON object."
                    + " A dimension left out stands for a value no layer names.")
    String scope;

    @Option(names = "--explain", description = "Show the layer that set each leaf.")
    boolean explain;

    @Option(names = "--at", paramLabel = "REV", description = "As of revision REV (default: the latest).")
    Integer at;

    @Override
    public Integer call() {
        return run(() -> {
            Map<String, String> parsed = dimensions(namespace, scope, "scope");
            JsonNode resolved = api().execute(
                            RESOLVE, "namespace", namespace, "scope", parsed, "at", at, "explain", explain)
                    .path("resolveConfig");
            if (json()) {
                printJson(resolved);
            } else if (explain) {
                printExplained(resolved);
            } else {
                printJson(resolved.path("config"));
            }
            return ExitStatus.OK.code();
        });
    }

    private void printExplained(JsonNode resolved) {
        out().println(resolved.path("namespace").asString() + " at revision "
                + resolved.path("revision").asInt() + ", scope "
                + Selectors.pairs(Selectors.toMap(resolved.path("scope"))) + ":");
        Table table = Table.of("PATH", "VALUE", "SOURCE");
        JsonNode config = resolved.path("config");
        for (JsonNode source : resolved.path("sources")) {
            String path = source.path("path").asString();
            table.row(
                    path.isEmpty() ? "/" : path,
                    Json.compact(config.at(path)),
                    Selectors.tuple(source.path("selector")));
        }
        out().print(table.render());
    }
}
