package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.DeclaredAttributes;
import io.cascade.rules.AttributeType;
import io.cascade.server.error.CascadeException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Declared context attributes: checking a declaration that comes through the API. */
final class Attributes {

    private static final Pattern PATH =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}");
    private static final int MAX_ATTRIBUTES = 500;

    private Attributes() {}

    /** A declaration from the API: an object of attribute path to type name. */
    static Map<String, String> parse(Object json) {
        if (!(json instanceof Map<?, ?> declared)) {
            throw CascadeException.badInput("attributes must be a JSON object of attribute path to type, "
                    + "e.g. {\"country\": \"string\", \"appVersion\": \"number\"}");
        }
        if (declared.size() > MAX_ATTRIBUTES) {
            throw CascadeException.limit("attributes", MAX_ATTRIBUTES, "at most " + MAX_ATTRIBUTES + " attributes");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : declared.entrySet()) {
            String path = String.valueOf(entry.getKey());
            if (!PATH.matcher(path).matches()) {
                throw CascadeException.badInput(
                        "attribute path '" + path + "' is invalid: expected dotted names such as user.tier");
            }
            if (!(entry.getValue() instanceof String type) || typeOf(type) == null) {
                throw CascadeException.badInput("attribute '" + path + "' has type " + entry.getValue()
                        + "; expected one of string, number, boolean, list, datetime");
            }
            out.put(path, type.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static AttributeType typeOf(String name) {
        return DeclaredAttributes.typeOf(name).orElse(null);
    }
}
