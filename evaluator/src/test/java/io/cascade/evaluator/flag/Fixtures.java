package io.cascade.evaluator.flag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixture builders: flag and segment documents as plain Java JSON, built fluently instead of written
 * as JSON blobs. {@code flag("checkout").on().rule("plan == \"pro\"", "on").fallthrough("off")} is a
 * boolean flag with variations {@code on}/{@code off}, targeting on in {@code prod}.
 */
final class Fixtures {

    static final String PROD = "prod";

    private Fixtures() {}

    static FlagBuilder flag(String key) {
        return new FlagBuilder(key);
    }

    static SegmentBuilder segment(String key) {
        return new SegmentBuilder(key);
    }

    /** A set compiled from these builders, which must be valid. */
    static FlagSet flagSet(List<FlagBuilder> flags, List<SegmentBuilder> segments) {
        FlagSetResult result = compile(flags, segments);
        assertThat(result.problems()).isEmpty();
        return result.flagSet();
    }

    static FlagSet flagSet(FlagBuilder... flags) {
        return flagSet(List.of(flags), List.of());
    }

    static FlagSetResult compile(List<FlagBuilder> flags, List<SegmentBuilder> segments) {
        return FlagSet.compile(
                flags.stream().map(FlagBuilder::build).toList(),
                segments.stream().map(SegmentBuilder::build).toList());
    }

    /** A context with this targeting key and attributes given as name, value pairs. */
    static EvaluationContext context(String targetingKey, Object... attributes) {
        Map<String, Object> json = pairs(attributes);
        if (targetingKey != null) {
            json.put(EvaluationContext.TARGETING_KEY, targetingKey);
        }
        return EvaluationContext.of(json, Clock.systemUTC());
    }

    static Map<String, Object> pairs(Object... nameValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put((String) nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    /** {@code split("on", 25, "off", 75)}: split entries as documents. */
    static List<Object> split(Object... serveWeights) {
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < serveWeights.length; i += 2) {
            entries.add(pairs("serve", serveWeights[i], "weight", serveWeights[i + 1]));
        }
        return entries;
    }

    static final class FlagBuilder {
        private final Map<String, Object> doc = new LinkedHashMap<>();
        private final Map<String, Object> variations = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
        private Map<String, Object> env;
        private int ruleCount;

        FlagBuilder(String key) {
            doc.put("key", key);
            doc.put("type", "boolean");
            variations.put("on", true);
            variations.put("off", false);
            environment(PROD);
        }

        /** Starts describing another environment (same defaults: off, offVariation off, fallthrough off). */
        FlagBuilder environment(String name) {
            env = new LinkedHashMap<>();
            env.put("enabled", false);
            env.put("offVariation", "off");
            env.put("fallthrough", new LinkedHashMap<>(Map.of("serve", "off")));
            environments.put(name, env);
            return this;
        }

        /** A {@code type} flag with exactly these variations (name, value pairs); offVariation and fallthrough: the first. */
        FlagBuilder type(String type, Object... nameValues) {
            doc.put("type", type);
            variations.clear();
            variations.putAll(pairs(nameValues));
            String first = (String) nameValues[0];
            env.put("offVariation", first);
            env.put("fallthrough", new LinkedHashMap<>(Map.of("serve", first)));
            return this;
        }

        FlagBuilder on() {
            env.put("enabled", true);
            return this;
        }

        FlagBuilder off() {
            env.put("enabled", false);
            return this;
        }

        FlagBuilder offVariation(String variation) {
            env.put("offVariation", variation);
            return this;
        }

        @SuppressWarnings("unchecked")
        FlagBuilder target(String variation, String... keys) {
            Map<String, Object> targets =
                    (Map<String, Object>) env.computeIfAbsent("targets", k -> new LinkedHashMap<>());
            targets.put(variation, new ArrayList<>(Arrays.asList(keys)));
            return this;
        }

        FlagBuilder rule(String when, String serve) {
            return rule("rule-" + (ruleCount + 1), when, serve);
        }

        FlagBuilder rule(String id, String when, String serve) {
            return addRule(pairs("id", id, "when", when, "serve", serve));
        }

        FlagBuilder splitRule(String id, String when, List<Object> split) {
            return addRule(pairs("id", id, "when", when, "split", split));
        }

        FlagBuilder experimentRule(String id, String when, List<Object> split) {
            return addRule(pairs("id", id, "when", when, "split", split, "experiment", true));
        }

        /** Adds a raw rule document. */
        @SuppressWarnings("unchecked")
        FlagBuilder addRule(Map<String, Object> rule) {
            ruleCount++;
            ((List<Object>) env.computeIfAbsent("rules", k -> new ArrayList<>())).add(rule);
            return this;
        }

        FlagBuilder fallthrough(String serve) {
            env.put("fallthrough", pairs("serve", serve));
            return this;
        }

        FlagBuilder fallthroughSplit(List<Object> split) {
            env.put("fallthrough", pairs("split", split));
            return this;
        }

        FlagBuilder salt(String salt) {
            doc.put("salt", salt);
            return this;
        }

        FlagBuilder archived() {
            doc.put("archived", true);
            return this;
        }

        /** Sets any top-level member, for documents that are wrong on purpose. */
        FlagBuilder set(String field, Object value) {
            doc.put(field, value);
            return this;
        }

        /** Sets any member of the current environment. */
        FlagBuilder setInEnvironment(String field, Object value) {
            env.put(field, value);
            return this;
        }

        Map<String, Object> build() {
            Map<String, Object> result = new LinkedHashMap<>(doc);
            result.putIfAbsent("variations", new LinkedHashMap<>(variations));
            result.putIfAbsent("environments", new LinkedHashMap<>(environments));
            return result;
        }
    }

    static final class SegmentBuilder {
        private final Map<String, Object> doc = new LinkedHashMap<>();

        SegmentBuilder(String key) {
            doc.put("key", key);
        }

        SegmentBuilder include(String... keys) {
            doc.put("included", List.of(keys));
            return this;
        }

        SegmentBuilder include(List<String> keys) {
            doc.put("included", keys);
            return this;
        }

        SegmentBuilder exclude(String... keys) {
            doc.put("excluded", List.of(keys));
            return this;
        }

        SegmentBuilder when(String when) {
            doc.put("when", when);
            return this;
        }

        SegmentBuilder set(String field, Object value) {
            doc.put(field, value);
            return this;
        }

        Map<String, Object> build() {
            return new LinkedHashMap<>(doc);
        }
    }
}
