package io.cascade.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The attributes a rule may read and their types. With a typed schema the compiler rejects unknown
 * attributes and operands of the wrong type; with {@link #untyped()} any attribute is accepted and
 * only errors visible from the rule alone are reported (literal against literal, operator misuse).
 */
public final class AttributeSchema {

    private static final AttributeSchema UNTYPED = new AttributeSchema(null);

    private final Map<String, AttributeType> types;

    private AttributeSchema(Map<String, AttributeType> types) {
        this.types = types;
    }

    /** A schema that accepts any attribute, of any type. */
    public static AttributeSchema untyped() {
        return UNTYPED;
    }

    /** A schema of exactly these attribute paths ({@code user.tier}) and types. */
    public static AttributeSchema of(Map<String, AttributeType> types) {
        Objects.requireNonNull(types, "types");
        return new AttributeSchema(Map.copyOf(new LinkedHashMap<>(types)));
    }

    /** Whether attributes are checked against a list. */
    public boolean isTyped() {
        return types != null;
    }

    /**
     * The declared type of {@code path}; empty when the schema is untyped or does not know the
     * attribute (see {@link #knows}).
     */
    public Optional<AttributeType> type(String path) {
        return types == null ? Optional.empty() : Optional.ofNullable(types.get(path));
    }

    /** Whether a rule may read {@code path}: always when untyped. */
    public boolean knows(String path) {
        return types == null || types.containsKey(path);
    }

    @Override
    public String toString() {
        return types == null ? "AttributeSchema[untyped]" : "AttributeSchema" + types;
    }
}
