package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Selectors;
import io.cascade.evaluator.config.JsonMerge;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cascade layer}: one layer of config at a selector. */
@Command(
        name = "layer",
        description = {
            "Config layers: get, put, patch, delete.",
            "A selector fixes some dimensions: environment=prod,tenant=acme (a unique prefix such as env",
            "will do), a JSON object such as {\"environment\":\"prod\"}, or 'defaults' for the all-* layer."
        })
final class LayerCommand extends CommandSupport {

    static final String PUT = "mutation($namespace: String!, $selector: JSON!, $content: JSON!, $expectedRevision: Int,"
            + " $message: String) { putLayer(namespace: $namespace, selector: $selector, content: $content,"
            + " expectedRevision: $expectedRevision, message: $message) { " + COMMIT_FIELDS + " } }";
    private static final String DELETE = "mutation($namespace: String!, $selector: JSON!, $expectedRevision: Int,"
            + " $message: String) { deleteLayer(namespace: $namespace, selector: $selector,"
            + " expectedRevision: $expectedRevision, message: $message) { " + COMMIT_FIELDS + " } }";
    private static final String LAYERS = "query($name: String!, $at: Int) { namespace(name: $name) {"
            + " revision layers(asOfRevision: $at) { selector content revision } } }";

    /** A layer as read, with the namespace revision it was read at. */
    record Read(int namespaceRevision, Optional<JsonNode> layer) {}

    @Command(name = "get", description = "Print the content of the layer at --selector (exit 6 if there is none).")
    int get(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--selector", required = true, paramLabel = "SELECTOR") String selectorText,
            @Option(names = "--at", paramLabel = "REV", description = "As of revision REV.") Integer at) {
        return run(() -> {
            Map<String, String> selector = selector(namespace, selectorText);
            JsonNode layer = read(namespace, selector, at).layer().orElseThrow(() -> noLayer(namespace, selector));
            printJson(json() ? layer : layer.path("content"));
            return ExitStatus.OK.code();
        });
    }

    @Command(
            name = "put",
            description =
                    "Replace the whole content of the layer at --selector with FILE (JSON or YAML; - for standard input).")
    int put(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--selector", required = true, paramLabel = "SELECTOR") String selectorText,
            @Parameters(paramLabel = "FILE") String file,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            Map<String, String> selector = selector(namespace, selectorText);
            JsonNode content = Documents.readObject(file, root().stdin());
            return printCommit(
                    put(namespace, selector, content, revision.expectedRevision, message.message),
                    "Put layer " + Selectors.pairs(selector));
        });
    }

    @Command(
            name = "patch",
            description = {
                "Merge-patch the layer at --selector (RFC 7396: null removes a key).",
                "FILE is JSON or YAML (- for standard input). Reads the layer, merges, and puts it back expecting",
                "the revision read (or --expected-revision), so a concurrent change fails with exit 3 instead of being lost."
            })
    int patch(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--selector", required = true, paramLabel = "SELECTOR") String selectorText,
            @Parameters(paramLabel = "FILE") String file,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            Map<String, String> selector = selector(namespace, selectorText);
            JsonNode patch = Documents.readObject(file, root().stdin());
            Read read = read(namespace, selector, null);
            JsonNode current = read.layer().map(layer -> layer.path("content")).orElse(Json.object());
            JsonNode patched = Json.tree(JsonMerge.apply(
                    Json.MAPPER.convertValue(current, Object.class), Json.MAPPER.convertValue(patch, Object.class)));
            int expected = revision.expectedRevision != null ? revision.expectedRevision : read.namespaceRevision();
            return printCommit(
                    put(namespace, selector, patched, expected, message.message),
                    "Patched layer " + Selectors.pairs(selector));
        });
    }

    @Command(name = "delete", description = "Remove the layer at --selector.")
    int delete(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--selector", required = true, paramLabel = "SELECTOR") String selectorText,
            @Mixin RevisionOption revision,
            @Mixin MessageOption message) {
        return run(() -> {
            Map<String, String> selector = selector(namespace, selectorText);
            JsonNode commit = api().execute(
                            DELETE,
                            "namespace",
                            namespace,
                            "selector",
                            selector,
                            "expectedRevision",
                            revision.expectedRevision,
                            "message",
                            message.message)
                    .path("deleteLayer");
            return printCommit(commit, "Deleted layer " + Selectors.pairs(selector));
        });
    }

    private Map<String, String> selector(String namespace, String text) {
        return Selectors.fixed(dimensions(namespace, text, "selector"));
    }

    private JsonNode put(
            String namespace, Map<String, String> selector, JsonNode content, Integer expected, String message) {
        return api().execute(
                        PUT,
                        "namespace",
                        namespace,
                        "selector",
                        selector,
                        "content",
                        content,
                        "expectedRevision",
                        expected,
                        "message",
                        message)
                .path("putLayer");
    }

    /**
     * The layer at {@code selector} as of {@code at} (the latest when null), with the namespace
     * revision read. The layers are fetched after the revision, within one request, so they are
     * never older than it: a put expecting that revision cannot overwrite a change it did not see.
     */
    private Read read(String namespace, Map<String, String> selector, Integer at) {
        JsonNode ns = api().execute(LAYERS, "name", namespace, "at", at).path("namespace");
        int revision = at != null ? at : ns.path("revision").asInt();
        for (JsonNode layer : ns.path("layers")) {
            if (Selectors.same(Selectors.toMap(layer.path("selector")), selector)) {
                ObjectNode copy = (ObjectNode) layer.deepCopy();
                return new Read(revision, Optional.of(copy));
            }
        }
        return new Read(revision, Optional.empty());
    }

    private static CliException noLayer(String namespace, Map<String, String> selector) {
        return CliException.of(
                ExitStatus.NOT_FOUND,
                "NOT_FOUND",
                "namespace " + namespace + " has no layer at " + Selectors.pairs(selector));
    }
}
