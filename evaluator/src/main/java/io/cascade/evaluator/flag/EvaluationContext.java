package io.cascade.evaluator.flag;

import io.cascade.rules.RuleContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a flag is evaluated for: a targeting key plus attributes, read from a JSON object whose
 * {@code targetingKey} member is the key for individual targets and bucketing and every other member
 * is an attribute. Nested objects are flattened to dotted paths once, here, so {@code
 * attribute("user.tier")} is one hash lookup; the key is also readable as the attribute {@code
 * targetingKey}, so rules can write {@code targetingKey in segment("beta")}. Date-time strings stay
 * strings; the rule compiler reads them.
 *
 * <p>Construction never throws on bad input: a context that is not usable (a non-string {@code
 * targetingKey}, an attribute of an unsupported type, nesting deeper than 32, a string longer than
 * {@link #MAX_STRING_LENGTH}) is kept with its {@linkplain #problem() problem}, and evaluating a
 * flag that needs it gives {@link ErrorCode#INVALID_CONTEXT}.
 *
 * <p>Segment membership is answered from the {@link FlagSet} the context is {@linkplain #boundTo
 * bound to}. {@link FlagEvaluator} binds it for each call; bind it yourself once per snapshot to
 * make evaluation allocation-free. Immutable and thread-safe.
 */
public final class EvaluationContext implements RuleContext {

    /** The member that holds the targeting key. */
    public static final String TARGETING_KEY = "targetingKey";

    /**
     * The longest string a context may hold, the targeting key and list items included, in UTF-16
     * characters: a rule's cost grows with the length of what it reads ({@code matches} with the
     * input times the pattern's program), so a longer string makes the context unusable rather
     * than an evaluation slow.
     */
    public static final int MAX_STRING_LENGTH = 1024;

    private static final EvaluationContext EMPTY = new EvaluationContext(null, Map.of(), Clock.systemUTC(), null, null);

    private final String targetingKey;
    private final Map<String, Object> attributes;
    private final Clock clock;
    private final String problem;
    private final FlagSet flagSet;

    private EvaluationContext(
            String targetingKey, Map<String, Object> attributes, Clock clock, String problem, FlagSet flagSet) {
        this.targetingKey = targetingKey;
        this.attributes = attributes;
        this.clock = clock;
        this.problem = problem;
        this.flagSet = flagSet;
    }

    /** A context without a targeting key or attributes. */
    public static EvaluationContext empty() {
        return EMPTY;
    }

    /** The context the JSON object {@code json} describes, with the system clock. */
    public static EvaluationContext of(Map<String, ?> json) {
        return of(json, Clock.systemUTC());
    }

    /** The context the JSON object {@code json} describes; {@code now()} reads {@code clock}. */
    public static EvaluationContext of(Map<String, ?> json, Clock clock) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(clock, "clock");
        List<String> problems = new ArrayList<>();
        Map<String, Object> attributes = new HashMap<>();
        flatten("", json, 1, attributes, problems);
        Object key = json.get(TARGETING_KEY);
        if (key != null && !(key instanceof String)) {
            problems.add(0, "targetingKey must be a string, got " + JsonValues.typeName(key));
            attributes.remove(TARGETING_KEY);
        }
        String problem = problems.isEmpty() ? null : problems.get(0);
        return new EvaluationContext(
                key instanceof String s ? s : null, Collections.unmodifiableMap(attributes), clock, problem, null);
    }

    /** A context with just a targeting key. */
    public static EvaluationContext ofKey(String targetingKey) {
        Objects.requireNonNull(targetingKey, "targetingKey");
        return of(Map.of(TARGETING_KEY, targetingKey));
    }

    /** The targeting key, if the context has one. */
    public Optional<String> targetingKey() {
        return Optional.ofNullable(targetingKey);
    }

    /** Every attribute by dotted path, the targeting key included. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** Why the context is not usable, if it is not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * This context answering {@code segment(..)} from {@code set}: {@code this} when already bound to
     * it, else a copy sharing the attributes.
     */
    public EvaluationContext boundTo(FlagSet set) {
        Objects.requireNonNull(set, "set");
        if (set == flagSet) {
            return this;
        }
        return new EvaluationContext(targetingKey, attributes, clock, problem, set);
    }

    @Override
    public Object attribute(String path) {
        return attributes.get(path);
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public boolean inSegment(String segment, String value) {
        return flagSet != null && value != null && flagSet.isMember(segment, value, this);
    }

    String targetingKeyOrNull() {
        return targetingKey;
    }

    String problemOrNull() {
        return problem;
    }

    private static void flatten(
            String prefix, Map<?, ?> json, int depth, Map<String, Object> out, List<String> problems) {
        for (Map.Entry<?, ?> entry : json.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                problems.add("attribute names must be strings");
                continue;
            }
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                if (depth >= JsonValues.MAX_DEPTH) {
                    problems.add("attribute '" + path + "' nests deeper than " + JsonValues.MAX_DEPTH);
                    continue;
                }
                flatten(path, nested, depth + 1, out, problems);
                continue;
            }
            if (value == null) {
                continue;
            }
            if (!isAttributeValue(value)) {
                problems.add("attribute '" + path + "' has unsupported type "
                        + value.getClass().getSimpleName());
                continue;
            }
            int longest = longestString(value);
            if (longest > MAX_STRING_LENGTH) {
                problems.add("attribute '" + shortened(path) + "' holds a string of " + longest
                        + " characters, more than the limit of " + MAX_STRING_LENGTH);
                continue;
            }
            out.put(path, value instanceof List ? JsonValues.immutableCopy(value) : value);
        }
    }

    /** The length of the longest string in an attribute value (a string, or a list of scalars), or 0. */
    private static int longestString(Object value) {
        if (value instanceof String text) {
            return text.length();
        }
        int longest = 0;
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String text) {
                    longest = Math.max(longest, text.length());
                }
            }
        }
        return longest;
    }

    private static String shortened(String path) {
        return path.length() <= 100 ? path : path.substring(0, 100) + "...";
    }

    private static boolean isAttributeValue(Object value) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item != null && !isScalar(item)) {
                    return false;
                }
            }
            return true;
        }
        return isScalar(value);
    }

    private static boolean isScalar(Object value) {
        return value instanceof String
                || value instanceof Boolean
                || value instanceof Number
                || value instanceof Instant;
    }

    @Override
    public String toString() {
        return "EvaluationContext[targetingKey=" + targetingKey + ", attributes=" + attributes.keySet() + "]";
    }
}
