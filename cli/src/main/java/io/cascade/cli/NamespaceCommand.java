package io.cascade.cli;

import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Selectors;
import io.cascade.cli.text.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code cascade ns}: namespaces. */
@Command(name = "ns", aliases = "namespace", description = "Namespaces: create, list, show.")
final class NamespaceCommand extends CommandSupport {

    private static final String CREATE = "mutation($name: String!, $dimensions: [String!], $message: String) {"
            + " createNamespace(name: $name, dimensions: $dimensions, message: $message) { name dimensions revision createdAt } }";
    private static final String LIST = "query($after: String) { namespaces(first: 100, after: $after) {"
            + " edges { node { name dimensions revision createdAt } } pageInfo { hasNextPage endCursor } } }";
    private static final String SHOW = "query($name: String!, $at: Int) { namespace(name: $name) {"
            + " name dimensions revision createdAt layers(asOfRevision: $at) { selector revision content }"
            + " schema { version revision } schemaVersions { version revision author registeredAt } } }";

    @Command(name = "create", description = "Create a namespace; it starts at revision 1 with no layers.")
    int create(
            @Parameters(paramLabel = "NAME", description = "[a-z0-9][a-z0-9._-]{0,62}") String name,
            @Option(
                            names = "--dimensions",
                            paramLabel = "a,b,c",
                            split = ",",
                            description = "Its dimensions, least specific first (default environment,site,tenant).")
                    List<String> dimensions,
            @Mixin MessageOption message) {
        return run(() -> {
            JsonNode created = api().execute(CREATE, "name", name, "dimensions", dimensions, "message", message.message)
                    .path("createNamespace");
            if (json()) {
                printJson(created);
            } else {
                out().println("Created namespace " + created.path("name").asString() + " with dimensions "
                        + join(created.path("dimensions")) + ": revision "
                        + created.path("revision").asInt() + ".");
            }
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "list", description = "List namespaces by name.")
    int list() {
        return run(() -> {
            ArrayNode all = Json.MAPPER.createArrayNode();
            String after = null;
            do {
                JsonNode page = api().execute(LIST, "after", after).path("namespaces");
                for (JsonNode edge : page.path("edges")) {
                    all.add(edge.path("node"));
                }
                after = page.path("pageInfo").path("hasNextPage").asBoolean(false)
                        ? page.path("pageInfo").path("endCursor").asString()
                        : null;
            } while (after != null);
            if (json()) {
                printJson(all);
                return ExitStatus.OK.code();
            }
            Table table = Table.of("NAME", "DIMENSIONS", "REVISION", "CREATED");
            for (JsonNode ns : all) {
                table.row(
                        ns.path("name").asString(),
                        join(ns.path("dimensions")),
                        ns.path("revision").asInt(),
                        Json.cell(ns.get("createdAt")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "show", description = "Show a namespace: dimensions, revision, layers and schema versions.")
    int show(
            @Parameters(paramLabel = "NAME") String name,
            @Option(names = "--at", paramLabel = "REV", description = "Show the layers as of revision REV.")
                    Integer at) {
        return run(() -> {
            JsonNode ns = api().execute(SHOW, "name", name, "at", at).path("namespace");
            if (json()) {
                printJson(ns);
                return ExitStatus.OK.code();
            }
            JsonNode schema = ns.path("schema");
            out().print(Table.properties(List.of(
                    new String[] {"name", ns.path("name").asString()},
                    new String[] {"dimensions", join(ns.path("dimensions"))},
                    new String[] {"revision", String.valueOf(ns.path("revision").asInt())},
                    new String[] {"created", Json.cell(ns.get("createdAt"))},
                    new String[] {
                        "schema",
                        schema.isObject()
                                ? "version " + schema.path("version").asInt() + " (revision "
                                        + schema.path("revision").asInt() + ")"
                                : "none"
                    })));
            out().println();
            out().println(at == null ? "Layers:" : "Layers as of revision " + at + ":");
            Table layers = Table.of("SELECTOR", "REVISION", "KEYS");
            for (JsonNode layer : ns.path("layers")) {
                layers.row(
                        Selectors.tuple(layer.path("selector")),
                        layer.path("revision").asInt(),
                        keys(layer.path("content")));
            }
            out().print(layers.render());
            out().println();
            out().println("Schema versions:");
            Table versions = Table.of("VERSION", "REVISION", "AUTHOR", "REGISTERED");
            for (JsonNode version : ns.path("schemaVersions")) {
                versions.row(
                        version.path("version").asInt(),
                        version.path("revision").asInt(),
                        Json.cell(version.get("author")),
                        Json.cell(version.get("registeredAt")));
            }
            out().print(versions.render());
            return ExitStatus.OK.code();
        });
    }

    static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(Json.cell(value));
        }
        return String.join(", ", values);
    }

    private static String keys(JsonNode content) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : content.properties()) {
            names.add(member.getKey());
        }
        return names.isEmpty() ? "(empty)" : String.join(", ", names);
    }
}
