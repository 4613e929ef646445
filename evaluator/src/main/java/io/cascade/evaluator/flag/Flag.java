package io.cascade.evaluator.flag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A feature flag, as its document describes it. Build one with {@link FlagDocuments#parseFlag}.
 *
 * @param key matches {@code [a-z0-9][a-z0-9._-]{0,62}}
 * @param type the type of every variation value
 * @param variations variation name to value, in document order
 * @param salt the bucketing salt; the key unless the document sets one
 * @param metadata description, tags, owner, temporary, archived
 * @param environments environment name to targeting, in document order
 */
public record Flag(
        String key,
        FlagType type,
        Map<String, Object> variations,
        String salt,
        FlagMetadata metadata,
        Map<String, FlagEnvironment> environments) {

    public Flag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(metadata, "metadata");
        if (!Names.isKey(key)) {
            throw new IllegalArgumentException("flag key must match " + Names.keyRule() + ", was '" + key + "'");
        }
        variations = copyVariations(type, variations);
        environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        requireKnownVariations(variations, environments);
    }

    private static Map<String, Object> copyVariations(FlagType type, Map<String, Object> variations) {
        if (variations.isEmpty()) {
            throw new IllegalArgumentException("a flag needs at least one variation");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        variations.forEach((name, value) -> {
            if (!type.accepts(value)) {
                throw new IllegalArgumentException("variation '" + name + "' is not a " + type.jsonName());
            }
            copy.put(name, JsonValues.immutableCopy(value));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void requireKnownVariations(
            Map<String, Object> variations, Map<String, FlagEnvironment> environments) {
        environments.forEach((name, environment) -> {
            for (String variation : environment.referencedVariations()) {
                if (!variations.containsKey(variation)) {
                    throw new IllegalArgumentException(
                            "environment '" + name + "' refers to unknown variation '" + variation + "'");
                }
            }
        });
    }
}
