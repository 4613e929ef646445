package io.cascade.evaluator.flag;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The type of a flag; every variation value has it. */
public enum FlagType {
    /** {@link Boolean} values. */
    BOOLEAN("boolean"),
    /** {@link String} values. */
    STRING("string"),
    /** Finite {@link Number} values: Integer, Long, BigInteger, Double or BigDecimal. */
    NUMBER("number"),
    /** Any JSON value but null: maps, lists, strings, numbers, booleans. */
    JSON("json");

    private final String jsonName;

    FlagType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in flag documents: {@code boolean}, {@code string}, {@code number} or {@code json}. */
    public String jsonName() {
        return jsonName;
    }

    /** The type called {@code name} in a flag document. */
    public static Optional<FlagType> fromJsonName(String name) {
        for (FlagType type : values()) {
            if (type.jsonName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code value} is a value of this type. */
    public boolean accepts(Object value) {
        switch (this) {
            case BOOLEAN:
                return value instanceof Boolean;
            case STRING:
                return value instanceof String;
            case NUMBER:
                return isNumber(value);
            default:
                return isJson(value, 0);
        }
    }

    static boolean isNumber(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Double.isFinite(((Number) value).doubleValue());
        }
        return value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger
                || value instanceof BigDecimal;
    }

    private static boolean isJson(Object value, int depth) {
        if (depth > JsonValues.MAX_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !isJsonOrNull(entry.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!isJsonOrNull(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return value instanceof String || value instanceof Boolean || isNumber(value);
    }

    private static boolean isJsonOrNull(Object value, int depth) {
        return value == null || isJson(value, depth);
    }
}
