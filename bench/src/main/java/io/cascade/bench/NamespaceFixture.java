package io.cascade.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The namespace every benchmark here works on, as plain JSON values ({@code Map}, {@code List},
 * strings, numbers, booleans, {@code null}): a defaults layer of 22 leaves in 8 nested groups, one
 * layer per environment, one per environment x site and one per tenant, each tenant setting 7
 * leaves (every tenth one also removes a key with {@code null}, RFC 7396). Deterministic, so JMH
 * runs and load runs see the same shape.
 */
final class NamespaceFixture {

    static final List<String> DIMENSIONS = List.of("environment", "site", "tenant");
    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
    static final List<String> SITES = List.of("us-east-1", "eu-west-1");
    static final String[] PLANS = {"free", "pro", "enterprise"};

    private NamespaceFixture() {}

    static String tenant(int index) {
        return String.format("tenant-%04d", index);
    }

    /** The all-{@code *} layer: 22 leaves. */
    static Map<String, Object> defaults() {
        return object(
                "service", object("name", "checkout", "logLevel", "info"),
                "http",
                        object(
                                "timeoutMs",
                                2000,
                                "retries",
                                2,
                                "pool",
                                object("maxConnections", 50, "idleTimeoutMs", 30000)),
                "db",
                        object(
                                "url",
                                "postgres://db.internal:5432/app",
                                "statementTimeoutMs",
                                5000,
                                "pool",
                                object("min", 2, "max", 20)),
                "cache", object("enabled", true, "ttlSeconds", 300, "maxEntries", 10000),
                "limits", object("requestsPerSecond", 100, "burst", 200, "maxPayloadBytes", 1048576),
                "features", object("newCheckout", false, "darkMode", false, "betaApi", false),
                "regions", List.of("us-east-1"),
                "branding", object("theme", "default", "logoUrl", "https://cdn.example.com/logo.svg"));
    }

    /** {@code (environment,*,*)}: 5 leaves. */
    static Map<String, Object> environment(String environment) {
        boolean prod = environment.equals("prod");
        return object(
                "service", object("logLevel", prod ? "warn" : "debug"),
                "http", object("timeoutMs", prod ? 1500 : 5000),
                "db",
                        object(
                                "url",
                                "postgres://db." + environment + ".internal:5432/app",
                                "pool",
                                object("max", prod ? 100 : 10)),
                "cache", object("ttlSeconds", prod ? 600 : 30));
    }

    /** {@code (environment,site,*)}: 3 leaves. */
    static Map<String, Object> site(String environment, String site) {
        return object(
                "db", object("url", "postgres://db." + site + "." + environment + ".internal:5432/app"),
                "regions", List.of(site),
                "http", object("pool", object("maxConnections", environment.equals("prod") ? 200 : 20)));
    }

    /** {@code (*,*,tenant)}: 7 leaves, and every tenth tenant removes {@code /features/darkMode}. */
    static Map<String, Object> tenantLayer(int index) {
        String plan = PLANS[index % PLANS.length];
        Map<String, Object> features = object("newCheckout", index % 4 == 0, "betaApi", plan.equals("enterprise"));
        if (index % 10 == 0) {
            features.put("darkMode", null);
        }
        return object(
                "tenant", object("id", tenant(index), "plan", plan),
                "limits", object("requestsPerSecond", 100 + index % 900, "burst", 200 + index % 1800),
                "features", features,
                "branding", object("theme", "theme-" + index % 17));
    }

    /**
     * A JSON Schema (draft 2020-12) the resolved config of every scope satisfies, with override
     * rules: the database only per environment and site, the service name in defaults only.
     */
    static Map<String, Object> schema() {
        Map<String, Object> integer = object("type", "integer", "minimum", 0);
        Map<String, Object> string = object("type", "string", "minLength", 1);
        Map<String, Object> bool = object("type", "boolean");
        return object(
                "$schema",
                "https://json-schema.org/draft/2020-12/schema",
                "type",
                "object",
                "required",
                List.of("service", "http", "db", "limits"),
                "properties",
                object(
                        "service",
                                strictObject(
                                        List.of("name"),
                                        "name",
                                        object("type", "string", "x-cascade-overridable", List.of()),
                                        "logLevel",
                                        object("enum", List.of("debug", "info", "warn", "error"))),
                        "http",
                                strictObject(
                                        List.of("timeoutMs"),
                                        "timeoutMs",
                                        object("type", "integer", "minimum", 1, "maximum", 60000),
                                        "retries",
                                        integer,
                                        "pool",
                                        strictObject(List.of(), "maxConnections", integer, "idleTimeoutMs", integer)),
                        "db",
                                object(
                                        "type",
                                        "object",
                                        "additionalProperties",
                                        false,
                                        "x-cascade-overridable",
                                        List.of("environment", "site"),
                                        "required",
                                        List.of("url"),
                                        "properties",
                                        object(
                                                "url",
                                                string,
                                                "statementTimeoutMs",
                                                integer,
                                                "pool",
                                                strictObject(List.of(), "min", integer, "max", integer))),
                        "cache", strictObject(List.of(), "enabled", bool, "ttlSeconds", integer, "maxEntries", integer),
                        "limits",
                                strictObject(
                                        List.of("requestsPerSecond"),
                                        "requestsPerSecond",
                                        integer,
                                        "burst",
                                        integer,
                                        "maxPayloadBytes",
                                        integer),
                        "features", object("type", "object", "additionalProperties", bool),
                        "regions", object("type", "array", "items", string, "minItems", 1),
                        "branding", strictObject(List.of(), "theme", string, "logoUrl", string),
                        "tenant", strictObject(List.of("id"), "id", string, "plan", object("enum", List.of(PLANS)))));
    }

    private static Map<String, Object> strictObject(List<String> required, Object... properties) {
        return object(
                "type",
                "object",
                "additionalProperties",
                false,
                "required",
                required,
                "properties",
                object(properties));
    }

    /** An insertion-ordered object from name, value, name, value, ... */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }
}
