package io.cascade.cli;

import io.cascade.cli.code.ConfigDirectory;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.http.GraphQlClient;
import io.cascade.cli.text.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cascade export}: a namespace's content as a directory of files, for Git. */
@Command(
        name = "export",
        description = {
            "Write a namespace into DIR: schema.json (if any), layers/*.json ({\"selector\", \"content\"}),",
            "flags/<key>.json and segments/<key>.json, pretty-printed with sorted keys. Replaces the JSON and",
            "YAML files already in those places. 'cascade apply NS DIR' of an export commits nothing."
        })
final class ExportCommand extends CommandSupport {

    private static final String CONTENT = "query($namespace: String!) { namespace(name: $namespace) { revision"
            + " dimensions schema { schema } layers { selector content } }"
            + " flags(namespace: $namespace, includeArchived: true) { key document }"
            + " segments(namespace: $namespace) { key document } }";

    @Parameters(index = "0", paramLabel = "NS")
    String namespace;

    @Parameters(index = "1", paramLabel = "DIR")
    Path dir;

    /** A namespace's latest content, and the revision it is at. */
    record Content(int revision, ConfigDirectory directory) {}

    @Override
    public Integer call() {
        return run(() -> {
            Content content = fetch(api(), namespace);
            content.directory().write(dir);
            ConfigDirectory exported = content.directory();
            if (json()) {
                ObjectNode out = Json.object();
                out.put("namespace", namespace);
                out.put("revision", content.revision());
                out.put("directory", dir.toString());
                out.put("schema", exported.schema() != null);
                out.put("layers", exported.layers().size());
                out.put("flags", exported.flags().size());
                out.put("segments", exported.segments().size());
                printJson(out);
            } else {
                out().println("Exported " + namespace + " at revision " + content.revision() + " to " + dir + ": "
                        + (exported.schema() == null ? "no schema" : "schema") + ", "
                        + exported.layers().size()
                        + " layer(s), " + exported.flags().size() + " flag(s), "
                        + exported.segments().size()
                        + " segment(s).");
            }
            return ExitStatus.OK.code();
        });
    }

    static Content fetch(GraphQlClient api, String namespace) {
        JsonNode data = api.execute(CONTENT, "namespace", namespace);
        JsonNode ns = data.path("namespace");
        List<String> dimensions = new ArrayList<>();
        ns.path("dimensions").forEach(d -> dimensions.add(d.asString()));
        JsonNode schemaNode = ns.path("schema");
        JsonNode schema = schemaNode.isObject() ? schemaNode.get("schema") : null;
        Map<String, ConfigDirectory.Layer> layers = new LinkedHashMap<>();
        for (JsonNode layer : ns.path("layers")) {
            Map<String, String> selector = new LinkedHashMap<>();
            layer.path("selector")
                    .properties()
                    .forEach(e -> selector.put(e.getKey(), e.getValue().asString()));
            layers.put(
                    ConfigDirectory.key(selector, dimensions),
                    new ConfigDirectory.Layer(ConfigDirectory.complete(selector, dimensions), layer.get("content")));
        }
        Map<String, JsonNode> flags = new LinkedHashMap<>();
        data.path("flags").forEach(flag -> flags.put(flag.path("key").asString(), flag.get("document")));
        Map<String, JsonNode> segments = new LinkedHashMap<>();
        data.path("segments").forEach(s -> segments.put(s.path("key").asString(), s.get("document")));
        return new Content(
                ns.path("revision").asInt(), new ConfigDirectory(dimensions, schema, layers, flags, segments));
    }
}
