package io.cascade.cli.code;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Documents;
import io.cascade.cli.text.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A namespace's content as operators keep it in Git: {@code schema.json} (if any), {@code
 * layers/*.json} (each {@code {"selector": {…}, "content": {…}}}), {@code flags/<key>.json} and
 * {@code segments/<key>.json}; JSON or YAML when read, pretty-printed JSON with sorted keys when
 * written. Layers are keyed by their selector with every dimension named ({@code *} for any).
 */
public record ConfigDirectory(
        List<String> dimensions,
        JsonNode schema,
        Map<String, Layer> layers,
        Map<String, JsonNode> flags,
        Map<String, JsonNode> segments) {

    /** A layer: its selector (every dimension, {@code *} for any) and content. */
    public record Layer(Map<String, String> selector, JsonNode content) {}

    public ConfigDirectory {
        dimensions = List.copyOf(dimensions);
        layers = Collections.unmodifiableMap(new TreeMap<>(layers));
        flags = Collections.unmodifiableMap(new TreeMap<>(flags));
        segments = Collections.unmodifiableMap(new TreeMap<>(segments));
    }

    /** The key of a selector: {@code (prod,*,*)} in dimension order. */
    public static String key(Map<String, String> selector, List<String> dimensions) {
        List<String> values = new ArrayList<>();
        for (String dimension : dimensions) {
            values.add(selector.getOrDefault(dimension, "*"));
        }
        return "(" + String.join(",", values) + ")";
    }

    /** The selector with every dimension named, {@code *} for those it leaves out. */
    public static Map<String, String> complete(Map<String, String> selector, List<String> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String dimension : dimensions) {
            out.put(dimension, selector.getOrDefault(dimension, "*"));
        }
        return out;
    }

    // ---- reading -----------------------------------------------------------------------------

    /** Reads {@code dir}; every problem found is reported at once, as a usage error (exit 2). */
    public static ConfigDirectory read(Path dir, List<String> dimensions) {
        if (!Files.isDirectory(dir)) {
            throw CliException.usage(dir + " is not a directory");
        }
        List<String> problems = new ArrayList<>();
        JsonNode schema = null;
        for (String name : List.of("schema.json", "schema.yaml", "schema.yml")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                if (schema != null) {
                    problems.add(file + ": a second schema file");
                    continue;
                }
                schema = parse(file, problems);
                if (schema != null && !schema.isObject()) {
                    problems.add(file + ": the schema must be a JSON object");
                    schema = null;
                }
            }
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (Path file : files(dir.resolve("layers"), problems)) {
            JsonNode node = parse(file, problems);
            if (node == null) {
                continue;
            }
            if (!node.isObject()
                    || !node.path("selector").isObject()
                    || !node.path("content").isObject()) {
                problems.add(file + ": expected {\"selector\": {...}, \"content\": {...}}");
                continue;
            }
            Map<String, String> selector = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, JsonNode> entry : node.get("selector").properties()) {
                if (!dimensions.contains(entry.getKey())) {
                    problems.add(file + ": the namespace has no dimension '" + entry.getKey() + "' (it has "
                            + dimensions + ")");
                    ok = false;
                } else if (!entry.getValue().isString()) {
                    problems.add(file + ": selector value of '" + entry.getKey() + "' must be a string");
                    ok = false;
                } else {
                    selector.put(entry.getKey(), entry.getValue().asString());
                }
            }
            if (!ok) {
                continue;
            }
            String key = key(selector, dimensions);
            if (layers.containsKey(key)) {
                problems.add(file + ": a second layer for " + key);
                continue;
            }
            layers.put(key, new Layer(complete(selector, dimensions), node.get("content")));
        }
        Map<String, JsonNode> flags = documents(dir.resolve("flags"), "flag", problems);
        Map<String, JsonNode> segments = documents(dir.resolve("segments"), "segment", problems);
        if (!problems.isEmpty()) {
            throw new CliException(
                    ExitStatus.USAGE,
                    "BAD_DIRECTORY",
                    dir + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems),
                    List.of(),
                    null);
        }
        return new ConfigDirectory(dimensions, schema, layers, flags, segments);
    }

    private static Map<String, JsonNode> documents(Path dir, String what, List<String> problems) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Path file : files(dir, problems)) {
            JsonNode node = parse(file, problems);
            if (node == null) {
                continue;
            }
            if (!node.isObject() || !node.path("key").isString()) {
                problems.add(file + ": expected a " + what + " document with a string \"key\"");
                continue;
            }
            String key = node.get("key").asString();
            String stem = stem(file);
            if (!stem.equals(key)) {
                problems.add(file + ": holds " + what + " '" + key + "'; name the file " + key + ".json");
                continue;
            }
            if (out.containsKey(key)) {
                problems.add(file + ": a second file for " + what + " '" + key + "'");
                continue;
            }
            out.put(key, node);
        }
        return out;
    }

    private static List<Path> files(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(ConfigDirectory::isDocument).sorted().toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot list: " + e.getMessage());
            return List.of();
        }
    }

    private static boolean isDocument(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static JsonNode parse(Path file, List<String> problems) {
        try {
            return Documents.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (CliException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
        }
        return null;
    }

    // ---- writing -----------------------------------------------------------------------------

    /**
     * Writes this into {@code dir}: replaces {@code schema.json} and every JSON or YAML file in
     * {@code layers/}, {@code flags/} and {@code segments/}; other files are left alone.
     */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : List.of("schema.json", "schema.yaml", "schema.yml")) {
                Files.deleteIfExists(dir.resolve(name));
            }
            for (String sub : List.of("layers", "flags", "segments")) {
                Path subdir = dir.resolve(sub);
                Files.createDirectories(subdir);
                for (Path file : files(subdir, new ArrayList<>())) {
                    Files.delete(file);
                }
            }
            if (schema != null) {
                writeJson(dir.resolve("schema.json"), schema);
            }
            for (Layer layer : layers.values()) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                ObjectNode selector = node.putObject("selector");
                layer.selector().forEach((dimension, value) -> {
                    if (!value.equals("*")) {
                        selector.put(dimension, value);
                    }
                });
                node.set("content", layer.content());
                writeJson(dir.resolve("layers").resolve(fileName(layer.selector()) + ".json"), node);
            }
            for (Map.Entry<String, JsonNode> flag : flags.entrySet()) {
                writeJson(dir.resolve("flags").resolve(flag.getKey() + ".json"), flag.getValue());
            }
            for (Map.Entry<String, JsonNode> segment : segments.entrySet()) {
                writeJson(dir.resolve("segments").resolve(segment.getKey() + ".json"), segment.getValue());
            }
        } catch (IOException e) {
            throw CliException.usage("cannot write " + dir + ": " + e.getMessage());
        }
    }

    /** {@code defaults}, or {@code environment=prod,tenant=acme} with unsafe characters as {@code %XX}. */
    static String fileName(Map<String, String> selector) {
        List<String> parts = new ArrayList<>();
        selector.forEach((dimension, value) -> {
            if (!value.equals("*")) {
                parts.add(dimension + "=" + escape(value));
            }
        });
        return parts.isEmpty() ? "defaults" : String.join(",", parts);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static void writeJson(Path file, JsonNode node) throws IOException {
        Files.writeString(file, Json.pretty(sorted(node)) + "\n", StandardCharsets.UTF_8);
    }

    /** A copy with every object's keys in sorted order. */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Map<String, JsonNode> members = new TreeMap<>();
            node.properties().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
            members.forEach((name, value) -> out.set(name, sorted(value)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.iterator(); it.hasNext(); ) {
                out.add(sorted(it.next()));
            }
            return out;
        }
        return node;
    }
}
