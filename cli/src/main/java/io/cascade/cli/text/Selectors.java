package io.cascade.cli.text;

import io.cascade.cli.error.CliException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Selectors and scopes as operators type them, {@code environment=prod,tenant=acme} or a JSON
 * object <code>{"environment":"prod"}</code>, and as the CLI prints them. A dimension may be
 * abbreviated to a unique prefix of the namespace's dimension ({@code env=prod}); see
 * {@link #expand}.
 */
public final class Selectors {

    /** The dimensions a namespace has unless it was created with others. */
    public static final List<String> DEFAULT_DIMENSIONS = List.of("environment", "site", "tenant");

    private Selectors() {}

    /**
     * Parses {@code dimension=value[,dimension=value...]}, a JSON object, or {@code defaults},
     * {@code *}, <code>{}</code> or the empty string (no dimension fixed). Order is kept.
     *
     * @param what {@code "selector"} or {@code "scope"}, for error messages
     */
    public static Map<String, String> parse(String text, String what) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equals("defaults") || trimmed.equals("*")) {
            return Map.of();
        }
        if (trimmed.startsWith("{")) {
            return parseJson(trimmed, what);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : trimmed.split(",", -1)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? "" : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (name.isEmpty() || value.isEmpty()) {
                throw bad(text, what, "'" + part.strip() + "' is not dimension=value");
            }
            if (out.put(name, value) != null) {
                throw bad(text, what, "dimension '" + name + "' is given twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A selector without its {@code *} members (they mean "any", as a missing one does). */
    public static Map<String, String> fixed(Map<String, String> selector) {
        Map<String, String> out = new LinkedHashMap<>();
        selector.forEach((name, value) -> {
            if (!"*".equals(value)) {
                out.put(name, value);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Whether two selectors fix the same dimensions to the same values. */
    public static boolean same(Map<String, String> a, Map<String, String> b) {
        return fixed(a).equals(fixed(b));
    }

    /**
     * Replaces each dimension that the namespace lacks but that is a unique prefix of one of its
     * {@code dimensions} ({@code env} for {@code environment}); leaves anything else for the server
     * to refuse.
     */
    public static Map<String, String> expand(Map<String, String> selector, List<String> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        selector.forEach((name, value) -> out.put(expandName(name, dimensions), value));
        return Collections.unmodifiableMap(out);
    }

    /** Whether {@code expand} could change anything without knowing the dimensions beyond the defaults. */
    public static boolean needsDimensions(Map<String, String> selector) {
        return !DEFAULT_DIMENSIONS.containsAll(selector.keySet());
    }

    /** {@code (prod,*,acme)}: the values in dimension order; {@code (*)} for the defaults layer of a JSON map without members. */
    public static String tuple(JsonNode selector) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return selector == null || selector.isNull() ? "-" : "(*)";
        }
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : selector.properties()) {
            values.add(Json.cell(member.getValue()));
        }
        return "(" + String.join(",", values) + ")";
    }

    /** {@code environment=prod,tenant=acme}; {@code *} members left out; {@code defaults} when none is fixed. */
    public static String pairs(Map<String, String> selector) {
        List<String> parts = new ArrayList<>();
        fixed(selector).forEach((name, value) -> parts.add(name + "=" + value));
        return parts.isEmpty() ? "defaults" : String.join(",", parts);
    }

    /** A JSON object of strings as a map, in order. */
    public static Map<String, String> toMap(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                out.put(member.getKey(), Json.cell(member.getValue()));
            }
        }
        return out;
    }

    private static String expandName(String name, List<String> dimensions) {
        if (dimensions.contains(name)) {
            return name;
        }
        String match = null;
        for (String dimension : dimensions) {
            if (dimension.startsWith(name)) {
                if (match != null) {
                    return name;
                }
                match = dimension;
            }
        }
        return match == null ? name : match;
    }

    private static Map<String, String> parseJson(String text, String what) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw bad(text, what, e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw bad(text, what, "expected a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (!member.getValue().isString()) {
                throw bad(text, what, "the value of '" + member.getKey() + "' must be a string");
            }
            out.put(member.getKey(), member.getValue().asString());
        }
        return Collections.unmodifiableMap(out);
    }

    private static CliException bad(String text, String what, String why) {
        return CliException.usage("bad " + what + " '" + text + "': " + why
                + " (expected dimension=value[,dimension=value...] or a JSON object)");
    }
}
