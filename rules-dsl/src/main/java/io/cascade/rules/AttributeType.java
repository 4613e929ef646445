package io.cascade.rules;

/** The type of a context attribute, as an {@link AttributeSchema} declares it. */
public enum AttributeType {
    /** A {@link String}. */
    STRING,
    /** Any {@link Number}, compared as a double. */
    NUMBER,
    /** A {@link Boolean}. */
    BOOLEAN,
    /** A {@link java.util.List} of strings, numbers or booleans. */
    LIST,
    /** An {@link java.time.Instant}, epoch milliseconds as a {@link Number}, or an ISO-8601 string. */
    DATETIME
}
