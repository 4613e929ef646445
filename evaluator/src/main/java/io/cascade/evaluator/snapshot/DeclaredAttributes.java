package io.cascade.evaluator.snapshot;

import io.cascade.rules.AttributeSchema;
import io.cascade.rules.AttributeType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A namespace's declared context attributes (path to type name) as the rule checker reads them. All static. */
public final class DeclaredAttributes {

    private DeclaredAttributes() {}

    /** The checker's schema: untyped when nothing is declared; {@code targetingKey} is always a string. */
    public static AttributeSchema schemaOf(Map<String, String> declared) {
        if (declared.isEmpty()) {
            return AttributeSchema.untyped();
        }
        Map<String, AttributeType> types = new LinkedHashMap<>();
        types.put("targetingKey", AttributeType.STRING);
        declared.forEach((path, type) -> types.put(path, typeOf(type).orElseThrow()));
        return AttributeSchema.of(types);
    }

    /** The type a name ({@code string}, {@code number}, {@code boolean}, {@code list}, {@code datetime}) stands for. */
    public static Optional<AttributeType> typeOf(String name) {
        try {
            return Optional.of(AttributeType.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
