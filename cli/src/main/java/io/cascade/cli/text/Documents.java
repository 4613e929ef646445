package io.cascade.cli.text;

import io.cascade.cli.error.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the JSON or YAML documents commands take as {@code FILE} or {@code -} (standard input).
 * {@code .yaml}/{@code .yml} files are YAML; anything else is JSON when it starts with
 * <code>{</code> or {@code [}, YAML otherwise. Every failure is a usage error (exit 2).
 */
public final class Documents {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Documents() {}

    /** The document in {@code file}, or on {@code stdin} when {@code file} is {@code -}. */
    public static JsonNode read(String file, InputStream stdin) {
        String name = "-".equals(file) ? "standard input" : file;
        String text = readText(file, stdin);
        return parse(text, name);
    }

    /** The document in {@code file}, which must be a JSON object. */
    public static JsonNode readObject(String file, InputStream stdin) {
        JsonNode node = read(file, stdin);
        if (!node.isObject()) {
            throw CliException.usage(("-".equals(file) ? "standard input" : file) + ": expected a JSON or YAML object");
        }
        return node;
    }

    /** Plain text from {@code file} or {@code stdin}. */
    public static String readText(String file, InputStream stdin) {
        try {
            if ("-".equals(file)) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("cannot read " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Parses {@code text} as JSON or YAML; {@code name} says where it came from in errors. */
    public static JsonNode parse(String text, String name) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw CliException.usage(name + " is empty");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml")
                || lower.endsWith(".yml")
                || !(trimmed.startsWith("{") || trimmed.startsWith("["));
        try {
            JsonNode node = yaml ? YAML.readTree(text) : Json.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw CliException.usage(name + " holds no document");
            }
            return node;
        } catch (JacksonException e) {
            throw CliException.usage(
                    "cannot parse " + name + " as " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
        }
    }
}
