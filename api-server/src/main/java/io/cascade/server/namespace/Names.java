package io.cascade.server.namespace;

import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.Selector;
import io.cascade.server.error.CascadeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks names, selectors and scopes from the API and converts them to the engine's types. Every
 * refusal is {@code BAD_USER_INPUT} with a message naming the offending part.
 */
public final class Names {

    private static final int MAX_VALUE_LENGTH = io.cascade.rules.Names.MAX_DIMENSION_VALUE_LENGTH;
    private static final int MAX_DIMENSIONS = 8;

    /** The dimensions a namespace gets when none are given. */
    public static final List<String> DEFAULT_DIMENSIONS = List.of("environment", "site", "tenant");

    private Names() {}

    /** Refuses a namespace, dimension, flag or segment name that does not match {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    public static String requireName(String kind, String name) {
        if (!io.cascade.rules.Names.isName(name)) {
            throw CascadeException.badInput(kind + " name " + quote(name)
                    + " is invalid: expected 1-63 characters of [a-z0-9._-], starting with a letter or digit");
        }
        return name;
    }

    /** A host id: 1-128 characters of {@code [A-Za-z0-9._:-]}. */
    public static String requireHostId(String hostId) {
        if (!io.cascade.rules.Names.isHostId(hostId)) {
            throw CascadeException.badInput(
                    "hostId " + quote(hostId) + " is invalid: expected 1-128 characters of [A-Za-z0-9._:-]");
        }
        return hostId;
    }

    public static boolean isName(String name) {
        return io.cascade.rules.Names.isName(name);
    }

    public static List<String> dimensions(List<String> requested) {
        if (requested == null) {
            return DEFAULT_DIMENSIONS;
        }
        if (requested.isEmpty() || requested.size() > MAX_DIMENSIONS) {
            throw CascadeException.badInput(
                    "a namespace has 1 to " + MAX_DIMENSIONS + " dimensions, got " + requested.size());
        }
        List<String> out = new ArrayList<>();
        for (String dimension : requested) {
            requireName("dimension", dimension);
            if (out.contains(dimension)) {
                throw CascadeException.badInput("dimension '" + dimension + "' is listed twice");
            }
            out.add(dimension);
        }
        return List.copyOf(out);
    }

    /** A selector object: each member a dimension, each value a dimension value or {@code *}; a missing dimension is {@code *}. */
    public static Selector selector(Object json, List<String> dimensions) {
        Map<String, String> members = members("selector", json, dimensions, true);
        List<String> values = new ArrayList<>(dimensions.size());
        for (String dimension : dimensions) {
            values.add(members.getOrDefault(dimension, Selector.ANY));
        }
        return new Selector(values);
    }

    /** A scope object: each member a dimension with a value; a missing dimension is a value no layer names. */
    public static Scope scope(Object json, List<String> dimensions) {
        Map<String, String> members = members("scope", json, dimensions, false);
        List<String> values = new ArrayList<>(dimensions.size());
        for (String dimension : dimensions) {
            values.add(members.get(dimension));
        }
        return new Scope(values);
    }

    /** {@code {"environment":"prod","site":"*","tenant":"acme"}}: every dimension, in order. */
    public static Map<String, String> toJson(Selector selector, List<String> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            out.put(dimensions.get(i), selector.value(i));
        }
        return out;
    }

    /** The named dimensions of a scope; a value no layer names is left out. */
    public static Map<String, String> toJson(Scope scope, List<String> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            if (scope.value(i) != null) {
                out.put(dimensions.get(i), scope.value(i));
            }
        }
        return out;
    }

    private static Map<String, String> members(String kind, Object json, List<String> dimensions, boolean wildcard) {
        if (!(json instanceof Map<?, ?> object)) {
            throw CascadeException.badInput(kind + " must be a JSON object keyed by dimension " + dimensions);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String dimension = String.valueOf(entry.getKey());
            if (!dimensions.contains(dimension)) {
                throw CascadeException.badInput(kind + " names " + quote(dimension)
                        + ", which is not a dimension of this namespace " + dimensions);
            }
            if (!(entry.getValue() instanceof String value)) {
                throw CascadeException.badInput(kind + " value of '" + dimension + "' must be a string");
            }
            if (wildcard && Selector.ANY.equals(value)) {
                out.put(dimension, value);
                continue;
            }
            requireDimensionValue(kind, dimension, value);
            out.put(dimension, value);
        }
        return out;
    }

    /** A dimension value: 1-128 characters, no {@code *}, control or bidi characters. */
    public static void requireDimensionValue(String kind, String dimension, String value) {
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw CascadeException.badInput(kind + " value of '" + dimension + "' must be 1-" + MAX_VALUE_LENGTH
                    + " characters, was " + value.length());
        }
        int forbidden =
                value.indexOf('*') >= 0 ? value.indexOf('*') : io.cascade.rules.Names.firstForbidden(value, false);
        if (forbidden >= 0) {
            throw CascadeException.badInput(kind + " value of '" + dimension + "' contains a forbidden character at "
                    + forbidden + " (no '*', control or bidi characters)");
        }
    }

    /** Whether text has no control or bidi characters (newline and tab allowed when {@code multiline}). */
    public static boolean isPrintable(String text, boolean multiline) {
        return io.cascade.rules.Names.isPrintable(text, multiline);
    }

    private static boolean isBidiControl(char c) {
        return io.cascade.rules.Names.isBidiControl(c);
    }

    private static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        String shown = text.length() > 70 ? text.substring(0, 70) + "..." : text;
        StringBuilder out = new StringBuilder("'");
        for (char c : shown.toCharArray()) {
            out.append(
                    Character.isISOControl(c) || isBidiControl(c)
                            ? String.format("\\u%04x", (int) c)
                            : String.valueOf(c));
        }
        return out.append('\'').toString();
    }
}
