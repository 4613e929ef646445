package io.cascade.rules.compile;

import java.time.Instant;
import java.util.List;

/** What a comparison wants from an operand, for explanation notes. */
enum Kind {
    STRING("string"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    DATETIME("date-time"),
    SEMVER("semantic version"),
    LIST("list"),
    ANY("value");

    private final String displayName;

    Kind(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }

    /** The runtime type name of an attribute value, as notes print it. */
    static String nameOf(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Instant) {
            return "date-time";
        }
        return value.getClass().getSimpleName();
    }
}
