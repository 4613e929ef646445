package io.cascade.evaluator.flag;

import io.cascade.rules.AttributeLayout;
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
 * Who a flag is evaluated for: a targeting key plus attributes. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * EvaluationContext context = EvaluationContext.builder()
 *         .targetingKey("user-1")
 *         .set("country", "US")
 *         .set("appVersion", 57)
 *         .set("user.tier", "gold")      // nested attributes by dotted path
 *         .build();
 * }</pre>
 *
 * <p>or read one from a JSON object with {@link #of(Map)}: its {@code targetingKey} member is the key
 * for individual targets and bucketing, every other member is an attribute, nested objects are
 * flattened to dotted paths. The key is also readable as the attribute {@code targetingKey}, so
 * rules can write {@code targetingKey in segment("beta")}. Date-time strings stay strings; the rule
 * compiler reads them.
 *
 * <p>Construction never throws on bad input: a context that is not usable (a non-string {@code
 * targetingKey}, an attribute of an unsupported type, nesting deeper than 32, a string longer than
 * {@link #MAX_STRING_LENGTH}) is kept with its {@linkplain #problem() problem}, and evaluating a
 * flag that needs it gives {@link ErrorCode#INVALID_CONTEXT}.
 *
 * <p><b>Bind it</b> to the {@link FlagSet} it is evaluated against, once per snapshot: {@link
 * #boundTo} lays the attributes out in the set's slots (strings as the set's symbols), answers
 * segment membership from the set, and makes every evaluation allocation-free. Evaluating an unbound
 * context binds it on each call. Immutable and thread-safe.
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

    private static final EvaluationContext EMPTY = new EvaluationContext(null, Map.of(), Clock.systemUTC(), null);

    private final String targetingKey;
    private final Map<String, Object> attributes;
    private final Clock clock;
    private final String problem;

    // Set when bound: the flag set, and the attributes laid out by its layout.
    private final FlagSet flagSet;
    private final AttributeLayout layout;
    private final long[] cells;
    private final int keySymbol;

    private EvaluationContext(String targetingKey, Map<String, Object> attributes, Clock clock, String problem) {
        this.targetingKey = targetingKey;
        this.attributes = attributes;
        this.clock = clock;
        this.problem = problem;
        this.flagSet = null;
        this.layout = null;
        this.cells = null;
        this.keySymbol = AttributeLayout.NOT_A_STRING;
    }

    private EvaluationContext(EvaluationContext unbound, FlagSet flagSet) {
        this.targetingKey = unbound.targetingKey;
        this.attributes = unbound.attributes;
        this.clock = unbound.clock;
        this.problem = unbound.problem;
        this.flagSet = flagSet;
        this.layout = flagSet.layout();
        this.keySymbol = layout.symbolOf(targetingKey);
        this.cells = layout.cellsOf(attributes);
    }

    private static int number(int slot) {
        return AttributeLayout.numberCell(slot);
    }

    private static int symbol(int slot) {
        return AttributeLayout.symbolCell(slot);
    }

    /** A context without a targeting key or attributes. */
    public static EvaluationContext empty() {
        return EMPTY;
    }

    /** A builder of a context, with the system clock. */
    public static Builder builder() {
        return new Builder();
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
        return create(json.get(TARGETING_KEY), attributes, clock, problems);
    }

    /** A context with just a targeting key. */
    public static EvaluationContext ofKey(String targetingKey) {
        Objects.requireNonNull(targetingKey, "targetingKey");
        return builder().targetingKey(targetingKey).build();
    }

    private static EvaluationContext create(
            Object key, Map<String, Object> attributes, Clock clock, List<String> problems) {
        if (key != null && !(key instanceof String)) {
            problems.add(0, "targetingKey must be a string, got " + JsonValues.typeName(key));
            attributes.remove(TARGETING_KEY);
        }
        String problem = problems.isEmpty() ? null : problems.get(0);
        return new EvaluationContext(
                key instanceof String s ? s : null, Collections.unmodifiableMap(attributes), clock, problem);
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
     * This context laid out for {@code set}: {@code this} when already bound to it, else a copy
     * sharing the attributes. Bind once per context and snapshot; evaluation is then allocation-free.
     */
    public EvaluationContext boundTo(FlagSet set) {
        Objects.requireNonNull(set, "set");
        if (set == flagSet) {
            return this;
        }
        return new EvaluationContext(this, set);
    }

    /** Whether this context is bound to {@code set}. */
    boolean isBoundTo(FlagSet set) {
        return flagSet == set && set != null;
    }

    @Override
    public Object attribute(String path) {
        return attributes.get(path);
    }

    @Override
    public long[] cells(AttributeLayout rulesLayout) {
        return rulesLayout == layout ? cells : null;
    }

    @Override
    public double number(AttributeLayout rulesLayout, int slot, String path) {
        if (rulesLayout == layout) {
            return Double.longBitsToDouble(cells[number(slot)]);
        }
        return attributes.get(path) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public int symbol(AttributeLayout rulesLayout, int slot, String path) {
        return rulesLayout == layout ? (int) cells[symbol(slot)] : rulesLayout.symbolOf(attributes.get(path));
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public boolean inSegment(String segment, String value) {
        return flagSet != null && value != null && flagSet.isMember(segment, value, this);
    }

    @Override
    public boolean inSegment(AttributeLayout rulesLayout, int slot, String path, String segment) {
        if (rulesLayout == layout) {
            return flagSet.isMember(segment, (int) cells[symbol(slot)], this);
        }
        return attributes.get(path) instanceof String value && inSegment(segment, value);
    }

    String targetingKeyOrNull() {
        return targetingKey;
    }

    /** The targeting key's symbol in the bound set's layout. */
    int keySymbol() {
        return keySymbol;
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
            putAttribute(path, value, out, problems);
        }
    }

    private static void putAttribute(String path, Object value, Map<String, Object> out, List<String> problems) {
        if (value == null) {
            return;
        }
        if (!isAttributeValue(value)) {
            problems.add("attribute '" + path + "' has unsupported type "
                    + value.getClass().getSimpleName());
            return;
        }
        int longest = longestString(value);
        if (longest > MAX_STRING_LENGTH) {
            problems.add("attribute '" + shortened(path) + "' holds a string of " + longest
                    + " characters, more than the limit of " + MAX_STRING_LENGTH);
            return;
        }
        out.put(path, value instanceof List ? JsonValues.immutableCopy(value) : value);
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

    /**
     * Builds an {@link EvaluationContext}: a targeting key and attributes by dotted path. Setting a
     * path again replaces its value; {@code null} removes it. Not thread-safe; {@link #build()} may
     * be called more than once.
     */
    public static final class Builder {
        private final Map<String, Object> attributes = new HashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The key for individual targets, bucketing and {@code targetingKey} in rules. */
        public Builder targetingKey(String targetingKey) {
            return put(TARGETING_KEY, targetingKey);
        }

        /** A string attribute; date-times may be given as ISO-8601 strings. */
        public Builder set(String path, String value) {
            return put(path, value);
        }

        /** A boolean attribute. */
        public Builder set(String path, boolean value) {
            return put(path, value);
        }

        /** A whole-number attribute. */
        public Builder set(String path, long value) {
            return put(path, value);
        }

        /** A number attribute. */
        public Builder set(String path, double value) {
            return put(path, value);
        }

        /** A number attribute of any {@link Number} type ({@code BigDecimal}, ...). */
        public Builder set(String path, Number value) {
            return put(path, value);
        }

        /** A date-time attribute. */
        public Builder set(String path, Instant value) {
            return put(path, value);
        }

        /** A list attribute of strings, numbers, booleans or date-times. */
        public Builder set(String path, List<?> value) {
            return put(path, value);
        }

        /** {@code now()} in rules reads this clock; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The context; an unusable one (a list holding a map, say) carries its {@linkplain #problem() problem}. */
        public EvaluationContext build() {
            List<String> problems = new ArrayList<>(0);
            Map<String, Object> flat = new HashMap<>(attributes);
            for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
                if (attribute.getValue() instanceof List || attribute.getValue() instanceof String) {
                    flat.remove(attribute.getKey());
                    putAttribute(attribute.getKey(), attribute.getValue(), flat, problems);
                }
            }
            return create(attributes.get(TARGETING_KEY), flat, clock, problems);
        }

        private Builder put(String path, Object value) {
            Objects.requireNonNull(path, "path");
            if (value == null) {
                attributes.remove(path);
            } else {
                attributes.put(path, value);
            }
            return this;
        }
    }
}
