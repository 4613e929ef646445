package io.cascade.bench;

import static io.cascade.bench.NamespaceFixture.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The flags, segment and contexts of the {@code evaluateFlags} load ({@code GraphQlLoad --operation
 * evaluate}), as plain JSON values. One segment of {@code segmentKeys} tenant keys and ten flags in
 * environment {@code prod}: booleans with targets, a 3-condition rule, segment rules, a 25% split,
 * a disabled flag, a number flag, a string flag with a 4-way split and a json flag. Contexts are
 * random: {@code targetingKey}, {@code country}, {@code plan}, {@code appVersion} and {@code tenant},
 * the tenant drawn from twice the segment's keys so that about half are in it.
 */
final class FlagFixture {

    static final String ENVIRONMENT = "prod";
    static final String SEGMENT = "beta-tenants";
    static final List<String> COUNTRIES = List.of("US", "CA", "DE", "FR", "GB", "IN", "BR", "JP");
    static final int USERS = 100_000;

    private FlagFixture() {}

    /** {@code putAttributes}: the context's attributes, so every rule is type-checked on write. */
    static Map<String, Object> attributes() {
        return object("country", "string", "plan", "string", "appVersion", "number", "tenant", "string");
    }

    /** The even-numbered tenants {@code tenant-0000 .. }, {@code keys} of them, a few excluded, and a {@code when}. */
    static Map<String, Object> segment(int keys) {
        List<Object> included = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            included.add(NamespaceFixture.tenant(i * 2));
        }
        return object(
                "key",
                SEGMENT,
                "description",
                "Tenants in the beta",
                "included",
                included,
                "excluded",
                List.of(NamespaceFixture.tenant(1), NamespaceFixture.tenant(3)),
                "when",
                "plan == \"enterprise\"");
    }

    /** Ten flags, each with environment {@code prod} (two also with {@code staging}). */
    static List<Map<String, Object>> flags() {
        List<Map<String, Object>> flags = new ArrayList<>();
        // boolean, targets both ways, a segment rule, fallthrough off
        flags.add(flag(
                "new-checkout",
                "boolean",
                ONOFF,
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "off",
                        "targets",
                        object("on", users(1, 20), "off", users(21, 25)),
                        "rules",
                        List.of(object("id", "beta", "when", "tenant in segment(\"" + SEGMENT + "\")", "serve", "on")),
                        "fallthrough",
                        object("serve", "off")),
                true));
        // boolean, the 3-condition rule of FlagBenchmark
        flags.add(flag(
                "premium-search",
                "boolean",
                ONOFF,
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "off",
                        "rules",
                        List.of(object(
                                "id",
                                "na-enterprise-recent",
                                "when",
                                "country in [\"US\", \"CA\"] and plan == \"enterprise\" and appVersion >= 42",
                                "serve",
                                "on")),
                        "fallthrough",
                        object("serve", "off")),
                false));
        // boolean, 25% rollout in the fallthrough
        flags.add(flag(
                "dark-mode",
                "boolean",
                ONOFF,
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "off",
                        "fallthrough",
                        object(
                                "split",
                                List.of(object("serve", "on", "weight", 25), object("serve", "off", "weight", 75)))),
                true));
        // boolean, targets and a country rule
        flags.add(flag(
                "eu-cookie-banner",
                "boolean",
                ONOFF,
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "off",
                        "targets",
                        object("off", users(100, 110)),
                        "rules",
                        List.of(object("id", "eu", "when", "country in [\"DE\", \"FR\", \"GB\"]", "serve", "on")),
                        "fallthrough",
                        object("serve", "off")),
                false));
        // boolean, segment and plan, then an experiment split
        flags.add(flag(
                "beta-api",
                "boolean",
                ONOFF,
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "off",
                        "rules",
                        List.of(object(
                                "id",
                                "beta-paid",
                                "when",
                                "tenant in segment(\"" + SEGMENT + "\") and plan != \"free\"",
                                "split",
                                List.of(object("serve", "on", "weight", 50), object("serve", "off", "weight", 50)),
                                "experiment",
                                true)),
                        "fallthrough",
                        object("serve", "off")),
                false));
        // boolean, switched off in prod
        flags.add(flag(
                "maintenance-mode",
                "boolean",
                ONOFF,
                object("enabled", false, "offVariation", "off", "fallthrough", object("serve", "on")),
                false));
        // string, a 4-way experiment split for everyone but old app versions
        flags.add(flag(
                "checkout-button-color",
                "string",
                object("blue", "#1f6feb", "green", "#2da44e", "orange", "#fb8500", "purple", "#8250df"),
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "blue",
                        "rules",
                        List.of(object("id", "old-apps", "when", "appVersion < 35", "serve", "blue")),
                        "fallthrough",
                        object(
                                "split",
                                List.of(
                                        object("serve", "blue", "weight", 40),
                                        object("serve", "green", "weight", 30),
                                        object("serve", "orange", "weight", 20),
                                        object("serve", "purple", "weight", 10)),
                                "experiment",
                                true)),
                false));
        // number, by plan
        flags.add(flag(
                "api-rate-limit",
                "number",
                object("low", 50, "standard", 200, "high", 1000),
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "standard",
                        "rules",
                        List.of(
                                object("id", "enterprise", "when", "plan == \"enterprise\"", "serve", "high"),
                                object("id", "pro", "when", "plan == \"pro\"", "serve", "standard")),
                        "fallthrough",
                        object("serve", "low")),
                false));
        // string, three algorithms split in thirds for the US, v1 elsewhere
        flags.add(flag(
                "search-algorithm",
                "string",
                object("v1", "bm25", "v2", "hybrid", "v3", "vector"),
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "v1",
                        "rules",
                        List.of(object(
                                "id",
                                "us-thirds",
                                "when",
                                "country == \"US\"",
                                "split",
                                List.of(
                                        object("serve", "v1", "weight", 33.333),
                                        object("serve", "v2", "weight", 33.333),
                                        object("serve", "v3", "weight", 33.334)))),
                        "fallthrough",
                        object("serve", "v1")),
                false));
        // json, pricing per plan and region
        flags.add(flag(
                "pricing-config",
                "json",
                object(
                        "standard",
                                object(
                                        "currency",
                                        "USD",
                                        "trialDays",
                                        14,
                                        "tiers",
                                        List.of(
                                                object("name", "free", "price", 0),
                                                object("name", "pro", "price", 29),
                                                object("name", "enterprise", "price", 99))),
                        "eu",
                                object(
                                        "currency",
                                        "EUR",
                                        "trialDays",
                                        30,
                                        "tiers",
                                        List.of(
                                                object("name", "free", "price", 0),
                                                object("name", "pro", "price", 27),
                                                object("name", "enterprise", "price", 95))),
                        "legacy",
                                object(
                                        "currency",
                                        "USD",
                                        "trialDays",
                                        0,
                                        "tiers",
                                        List.of(object("name", "pro", "price", 19)))),
                object(
                        "enabled",
                        true,
                        "offVariation",
                        "standard",
                        "rules",
                        List.of(
                                object(
                                        "id",
                                        "legacy-free",
                                        "when",
                                        "plan == \"free\" and appVersion < 40",
                                        "serve",
                                        "legacy"),
                                object("id", "eu", "when", "country in [\"DE\", \"FR\"]", "serve", "eu")),
                        "fallthrough",
                        object("serve", "standard")),
                false));
        return flags;
    }

    /** A random context, as a host would send it. */
    static Map<String, Object> context(ThreadLocalRandom random, int segmentKeys) {
        return object(
                "targetingKey",
                "user-" + random.nextInt(USERS),
                "country",
                COUNTRIES.get(random.nextInt(COUNTRIES.size())),
                "plan",
                NamespaceFixture.PLANS[random.nextInt(NamespaceFixture.PLANS.length)],
                "appVersion",
                30 + random.nextInt(31),
                "tenant",
                NamespaceFixture.tenant(random.nextInt(segmentKeys * 2)));
    }

    private static final Map<String, Object> ONOFF = object("on", true, "off", false);

    private static Map<String, Object> flag(
            String key, String type, Map<String, Object> variations, Map<String, Object> prod, boolean alsoStaging) {
        Map<String, Object> environments = object(ENVIRONMENT, prod);
        if (alsoStaging) {
            environments.put(
                    "staging",
                    object(
                            "enabled",
                            true,
                            "offVariation",
                            variations.keySet().iterator().next(),
                            "fallthrough",
                            object("serve", variations.keySet().iterator().next())));
        }
        return object(
                "key",
                key,
                "type",
                type,
                "description",
                "bench flag " + key,
                "owner",
                "team-bench",
                "tags",
                List.of("bench"),
                "variations",
                variations,
                "environments",
                environments);
    }

    private static List<Object> users(int from, int to) {
        List<Object> keys = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            keys.add("user-" + i);
        }
        return keys;
    }
}
