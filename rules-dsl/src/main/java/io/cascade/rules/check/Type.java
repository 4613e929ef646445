package io.cascade.rules.check;

import io.cascade.rules.AttributeType;

/** The static type of an expression, as the checker infers it. */
public enum Type {
    STRING("string"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    LIST("list"),
    DATETIME("date-time"),
    /** {@code semver(..)}: compares by semantic-version order. */
    SEMVER("semver"),
    /** {@code segment("name")}: only meaningful after {@code in} and {@code not in}. */
    SEGMENT("segment"),
    /** An attribute of an untyped schema: checked when the rule is tested. */
    UNKNOWN("any"),
    /** A subexpression already reported as wrong; suppresses follow-on errors. */
    ERROR("error");

    private final String displayName;

    Type(String displayName) {
        this.displayName = displayName;
    }

    /** The name messages use: {@code number}, {@code date-time}. */
    public String displayName() {
        return displayName;
    }

    static Type of(AttributeType type) {
        switch (type) {
            case STRING:
                return STRING;
            case NUMBER:
                return NUMBER;
            case BOOLEAN:
                return BOOLEAN;
            case LIST:
                return LIST;
            case DATETIME:
                return DATETIME;
            default:
                throw new IllegalArgumentException("unknown attribute type " + type);
        }
    }
}
