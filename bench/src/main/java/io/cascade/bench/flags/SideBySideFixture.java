package io.cascade.bench.flags;

import io.cascade.bench.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The same five flags and one segment written twice, as Cascade documents and in LaunchDarkly's
 * flag-file format, plus the contexts both SDKs evaluate. Every flag is defined in environment
 * {@code prod}; variations are {@code on = true}, {@code off = false}.
 *
 * <ul>
 *   <li>{@code plain}: on, fallthrough serves {@code on}.
 *   <li>{@code three-conditions}: {@code country in ["US", "CA"] and plan == "enterprise" and
 *       appVersion >= 42} serves {@code on}, else {@code off}.
 *   <li>{@code rollout}: fallthrough split 25 % {@code on}, 75 % {@code off}.
 *   <li>{@code beta-segment}: {@code targetingKey in segment("beta-users")} serves {@code on}; the
 *       segment lists 1 000 keys, a quarter of the contexts' keys.
 *   <li>{@code ten-rules}: nine rules {@code country == "Xi" and appVersion >= i} that never hold,
 *       then the segment rule.
 * </ul>
 *
 * <p>Contexts have a targeting key, {@code country} (one of 8), {@code plan} (free, pro,
 * enterprise) and {@code appVersion} (30-60). Every string is its own instance, as if parsed from a
 * request, so no SDK profits from literals shared with the flag data.
 */
final class SideBySideFixture {

    static final String ENVIRONMENT = "prod";
    static final String SEGMENT = "beta-users";
    static final int CONTEXTS = 4096;
    static final int SEGMENT_KEYS = 1_000;

    private static final String[] COUNTRIES = {"US", "CA", "DE", "FR", "GB", "IN", "BR", "JP"};
    private static final String[] PLANS = {"free", "pro", "enterprise"};
    private static final int RULES_THAT_MISS = 9;

    /** One context's members. */
    record Attributes(String key, String country, String plan, int appVersion) {
        boolean matchesThreeConditions() {
            return (country.equals("US") || country.equals("CA")) && plan.equals("enterprise") && appVersion >= 42;
        }
    }

    private SideBySideFixture() {}

    /** {@link #CONTEXTS} contexts with random attributes (seeded), distinct keys. */
    static List<Attributes> randomContexts(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Attributes> contexts = new ArrayList<>(CONTEXTS);
        for (int i = 0; i < CONTEXTS; i++) {
            contexts.add(new Attributes(
                    copy(userKey(i)),
                    copy(COUNTRIES[random.nextInt(COUNTRIES.length)]),
                    copy(PLANS[random.nextInt(PLANS.length)]),
                    30 + random.nextInt(31)));
        }
        return contexts;
    }

    /** {@link #CONTEXTS} contexts that all match the three conditions. */
    static List<Attributes> matchingContexts(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Attributes> contexts = new ArrayList<>(CONTEXTS);
        for (int i = 0; i < CONTEXTS; i++) {
            contexts.add(new Attributes(
                    copy(userKey(i)),
                    copy(random.nextBoolean() ? "US" : "CA"),
                    copy("enterprise"),
                    42 + random.nextInt(19)));
        }
        return contexts;
    }

    /** {@link #CONTEXTS} random contexts that all miss the three conditions, at any of them. */
    static List<Attributes> missingContexts(long seed) {
        List<Attributes> contexts = new ArrayList<>(CONTEXTS);
        long next = seed;
        while (contexts.size() < CONTEXTS) {
            for (Attributes attributes : randomContexts(next++)) {
                if (!attributes.matchesThreeConditions() && contexts.size() < CONTEXTS) {
                    contexts.add(attributes);
                }
            }
        }
        return contexts;
    }

    /** The Cascade flag documents. */
    static List<Object> cascadeFlags() {
        List<Object> flags = new ArrayList<>();
        flags.add(cascadeFlag("plain", List.of(), serve("on")));
        flags.add(cascadeFlag(
                "three-conditions",
                List.of(rule(
                        "na-enterprise",
                        "country in [\"US\", \"CA\"] and plan == \"enterprise\" and appVersion >= 42")),
                serve("off")));
        flags.add(cascadeFlag(
                "rollout",
                List.of(),
                Map.of("split", List.of(Map.of("serve", "on", "weight", 25), Map.of("serve", "off", "weight", 75)))));
        flags.add(cascadeFlag("beta-segment", List.of(rule("beta", segmentCondition())), serve("off")));
        List<Object> tenRules = new ArrayList<>();
        for (int i = 0; i < RULES_THAT_MISS; i++) {
            tenRules.add(rule("r" + i, "country == \"X" + i + "\" and appVersion >= " + i));
        }
        tenRules.add(rule("beta", segmentCondition()));
        flags.add(cascadeFlag("ten-rules", tenRules, serve("off")));
        return flags;
    }

    /** The Cascade segment documents. */
    static List<Object> cascadeSegments() {
        return List.of(Map.of("key", SEGMENT, "included", segmentKeys()));
    }

    /** The same flags and segment as a LaunchDarkly flag file (its JSON format). */
    static String launchDarklyFile() {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("plain", ldFlag("plain", List.of(), Map.of("variation", 0)));
        flags.put(
                "three-conditions",
                ldFlag(
                        "three-conditions",
                        List.of(ldRule(
                                "na-enterprise",
                                clause("country", "in", List.of("US", "CA")),
                                clause("plan", "in", List.of("enterprise")),
                                clause("appVersion", "greaterThanOrEqual", List.of(42)))),
                        Map.of("variation", 1)));
        flags.put(
                "rollout",
                ldFlag(
                        "rollout",
                        List.of(),
                        Map.of(
                                "rollout",
                                Map.of(
                                        "variations",
                                        List.of(
                                                Map.of("variation", 0, "weight", 25_000),
                                                Map.of("variation", 1, "weight", 75_000))))));
        flags.put(
                "beta-segment",
                ldFlag("beta-segment", List.of(ldRule("beta", segmentClause())), Map.of("variation", 1)));
        List<Object> tenRules = new ArrayList<>();
        for (int i = 0; i < RULES_THAT_MISS; i++) {
            tenRules.add(ldRule(
                    "r" + i,
                    clause("country", "in", List.of("X" + i)),
                    clause("appVersion", "greaterThanOrEqual", List.of(i))));
        }
        tenRules.add(ldRule("beta", segmentClause()));
        flags.put("ten-rules", ldFlag("ten-rules", tenRules, Map.of("variation", 1)));
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("key", SEGMENT);
        segment.put("version", 1);
        segment.put("included", segmentKeys());
        segment.put("excluded", List.of());
        segment.put("rules", List.of());
        segment.put("salt", SEGMENT);
        return JsonText.of(Map.of("flags", flags, "segments", Map.of(SEGMENT, segment)));
    }

    private static String userKey(int i) {
        return "user-" + (i * 7);
    }

    /** Every fourth context's key: {@link #SEGMENT_KEYS} keys, a quarter of the contexts. */
    private static List<Object> segmentKeys() {
        List<Object> keys = new ArrayList<>(SEGMENT_KEYS);
        for (int i = 0; i < SEGMENT_KEYS; i++) {
            keys.add(userKey(i * 4));
        }
        return keys;
    }

    private static String segmentCondition() {
        return "targetingKey in segment(\"" + SEGMENT + "\")";
    }

    private static String copy(String s) {
        return new String(s.toCharArray());
    }

    private static Map<String, Object> serve(String variation) {
        return Map.of("serve", variation);
    }

    private static Map<String, Object> rule(String id, String when) {
        return Map.of("id", id, "when", when, "serve", "on");
    }

    private static Map<String, Object> cascadeFlag(String key, List<Object> rules, Map<String, Object> fallthrough) {
        Map<String, Object> prod = new LinkedHashMap<>();
        prod.put("enabled", true);
        prod.put("offVariation", "off");
        prod.put("rules", rules);
        prod.put("fallthrough", fallthrough);
        Map<String, Object> flag = new LinkedHashMap<>();
        flag.put("key", key);
        flag.put("type", "boolean");
        flag.put("variations", Map.of("on", true, "off", false));
        flag.put("environments", Map.of(ENVIRONMENT, prod));
        return flag;
    }

    private static Map<String, Object> ldFlag(String key, List<Object> rules, Map<String, Object> fallthrough) {
        Map<String, Object> flag = new LinkedHashMap<>();
        flag.put("key", key);
        flag.put("version", 1);
        flag.put("on", true);
        flag.put("variations", List.of(true, false));
        flag.put("offVariation", 1);
        flag.put("targets", List.of());
        flag.put("prerequisites", List.of());
        flag.put("rules", rules);
        flag.put("fallthrough", fallthrough);
        flag.put("salt", key);
        flag.put("trackEvents", false);
        flag.put("trackEventsFallthrough", false);
        return flag;
    }

    private static Map<String, Object> ldRule(String id, Object... clauses) {
        return Map.of("id", id, "variation", 0, "clauses", List.of(clauses), "trackEvents", false);
    }

    private static Map<String, Object> clause(String attribute, String op, List<Object> values) {
        return Map.of("attribute", attribute, "op", op, "values", values, "negate", false);
    }

    private static Map<String, Object> segmentClause() {
        return clause("key", "segmentMatch", List.of(SEGMENT));
    }
}
