package io.cascade.cli;

import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade attributes}: the context attributes a namespace's rules may read, with their types. */
@Command(
        name = "attributes",
        description = "Declared context attributes that flag rules are type-checked against: show, put.")
final class AttributesCommand extends CommandSupport {

    private static final String SHOW =
            "query($namespace: String!) { namespace(name: $namespace) { revision attributes } }";
    private static final String PUT =
            "mutation($namespace: String!, $attributes: JSON!, $expectedRevision: Int, $message: String) {"
                    + " putAttributes(namespace: $namespace, attributes: $attributes,"
                    + " expectedRevision: $expectedRevision, message: $message) { " + COMMIT_FIELDS + " } }";

    @Command(name = "show", description = "Print the declared attributes (none declared: rules are untyped).")
    int show(@Parameters(paramLabel = "NS") String namespace) {
        return run(() -> {
            JsonNode attributes = api().execute(SHOW, "namespace", namespace)
                    .path("namespace")
                    .path("attributes");
            if (json()) {
                printJson(attributes);
                return ExitStatus.OK.code();
            }
            if (attributes.isEmpty()) {
                out().println("No attributes declared in " + namespace + ": rules are untyped.");
                return ExitStatus.OK.code();
            }
            Table table = Table.of("ATTRIBUTE", "TYPE");
            for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
                table.row(attribute.getKey(), Json.cell(attribute.getValue()));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(
            name = "put",
            description = {
                "Declare the attributes from FILE (JSON or YAML; - for standard input), an object of attribute path",
                "to type (string, number, boolean, list, datetime), e.g. {\"country\": \"string\", \"appVersion\": \"number\"}.",
                "Refused when a stored flag or segment would no longer compile; {} makes rules untyped again."
            })
    int put(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "FILE") String file,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            JsonNode attributes = Documents.readObject(file, root().stdin());
            JsonNode commit = api().execute(
                            PUT,
                            "namespace",
                            namespace,
                            "attributes",
                            attributes,
                            "expectedRevision",
                            revision.expectedRevision,
                            "message",
                            message.message)
                    .path("putAttributes");
            return printCommit(commit, "Declared " + attributes.size() + " attribute(s)");
        });
    }
}
