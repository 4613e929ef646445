package io.cascade.evaluator.flag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags of one {@link FlagSet} in one environment, for evaluating by flag key: what a host holds
 * for the environment it runs in. Get it with {@link FlagSet#environment(String)}; it is built with
 * the set, so asking for it costs nothing.
 *
 * <pre>{@code
 * EnvironmentFlags prod = flagSet.environment("prod").orElseThrow();
 * EvaluationContext user = EvaluationContext.builder()
 *         .targetingKey("user-1").set("country", "US").set("appVersion", 57).build()
 *         .boundTo(flagSet);
 * boolean on = prod.booleanValue("new-checkout", user, false);
 * EvaluationResult<Boolean> detail = prod.evaluateBoolean("new-checkout", user, false);
 * }</pre>
 *
 * <p>Contexts bound to the flag set ({@link EvaluationContext#boundTo}) evaluate without allocating;
 * others are bound on each call. Typed evaluations ({@code evaluateBoolean}, ...) of a flag of another
 * type give {@link ErrorCode#TYPE_MISMATCH}; an unknown key gives {@link ErrorCode#FLAG_NOT_FOUND}
 * ({@link EvaluationResult#isNotFound()}); on any error the value is the caller's default. The
 * {@code ...Value} methods return the value alone: use them where a default is a fine answer to a
 * typo, and the {@code evaluate...} methods where it is not. Never throws; immutable and
 * thread-safe.
 */
public final class EnvironmentFlags {

    private final FlagSet flagSet;
    private final String name;
    private final Object[] flags; // a FlagTable
    private final List<FlagInEnvironment> listed;

    EnvironmentFlags(FlagSet flagSet, String name, Iterable<CompiledFlag> compiled) {
        this.flagSet = flagSet;
        this.name = name;
        Map<String, FlagInEnvironment> byKey = new HashMap<>();
        List<FlagInEnvironment> inOrder = new ArrayList<>();
        for (CompiledFlag flag : compiled) {
            FlagInEnvironment here = flag.in(name);
            byKey.put(flag.key(), here);
            if (flag.listedIn(name)) {
                inOrder.add(here);
            }
        }
        this.flags = FlagTable.of(byKey); // interned keys: a caller's literal key is found by reference
        this.listed = List.copyOf(inOrder);
    }

    /** The environment's name. */
    public String name() {
        return name;
    }

    /** The flag set this view belongs to. */
    public FlagSet flagSet() {
        return flagSet;
    }

    /** The keys of the flags that {@link #evaluateAll} evaluates: defined here, not archived, or broken. */
    public Set<String> flagKeys() {
        Set<String> keys = new LinkedHashSet<>();
        listed.forEach(flag -> keys.add(flag.key()));
        return Collections.unmodifiableSet(keys);
    }

    /** Evaluates flag {@code flagKey}, of any type; on error the value is null. */
    public EvaluationResult<Object> evaluate(String flagKey, EvaluationContext context) {
        try {
            FlagInEnvironment flag = FlagTable.get(flags, flagKey);
            if (flag == null) {
                return notFound(flagKey);
            }
            return flag.evaluate(bound(context));
        } catch (RuntimeException | StackOverflowError e) {
            return unexpected(e);
        }
    }

    /** Evaluates a boolean flag; on error, or when the flag is not boolean, the value is {@code defaultValue}. */
    public EvaluationResult<Boolean> evaluateBoolean(String flagKey, EvaluationContext context, boolean defaultValue) {
        return typed(FlagType.BOOLEAN, flagKey, context, defaultValue);
    }

    /** Evaluates a string flag; on error, or when the flag is not a string flag, the value is {@code defaultValue}. */
    public EvaluationResult<String> evaluateString(String flagKey, EvaluationContext context, String defaultValue) {
        return typed(FlagType.STRING, flagKey, context, defaultValue);
    }

    /**
     * Evaluates a number flag; on error, or when the flag is not a number flag, the value is {@code
     * defaultValue}. Values are the numbers of the flag document as written ({@code Integer}, {@code
     * Long}, {@code BigInteger}, {@code Double} or {@code BigDecimal}).
     */
    public EvaluationResult<Number> evaluateNumber(String flagKey, EvaluationContext context, Number defaultValue) {
        return typed(FlagType.NUMBER, flagKey, context, defaultValue);
    }

    /**
     * Evaluates a json flag; on error, or when the flag is not a json flag, the value is {@code
     * defaultValue}. Values are plain, immutable Java JSON values ({@code Map}, {@code List}, {@code
     * String}, {@code Number}, {@code Boolean}).
     */
    public EvaluationResult<Object> evaluateJson(String flagKey, EvaluationContext context, Object defaultValue) {
        return typed(FlagType.JSON, flagKey, context, defaultValue);
    }

    /** The value of a boolean flag, or {@code defaultValue} on any error. */
    public boolean booleanValue(String flagKey, EvaluationContext context, boolean defaultValue) {
        return evaluateBoolean(flagKey, context, defaultValue).value();
    }

    /** The value of a string flag, or {@code defaultValue} on any error. */
    public String stringValue(String flagKey, EvaluationContext context, String defaultValue) {
        return evaluateString(flagKey, context, defaultValue).value();
    }

    /** The value of a number flag as a double, or {@code defaultValue} on any error. */
    public double doubleValue(String flagKey, EvaluationContext context, double defaultValue) {
        EvaluationResult<Number> result = typed(FlagType.NUMBER, flagKey, context, null);
        return result.isError() ? defaultValue : result.value().doubleValue();
    }

    /** The value of a json flag, or {@code defaultValue} on any error. */
    public Object jsonValue(String flagKey, EvaluationContext context, Object defaultValue) {
        return evaluateJson(flagKey, context, defaultValue).value();
    }

    /**
     * Evaluates every flag defined here that is not archived, in document order, keyed by flag key.
     * Flags whose documents are invalid are included, as {@link ErrorCode#PARSE_ERROR} results.
     */
    public Map<String, EvaluationResult<Object>> evaluateAll(EvaluationContext context) {
        Map<String, EvaluationResult<Object>> results = new LinkedHashMap<>();
        EvaluationContext bound;
        try {
            bound = context.boundTo(flagSet);
        } catch (RuntimeException e) {
            return Map.of();
        }
        for (FlagInEnvironment flag : listed) {
            results.put(flag.key(), evaluateOne(flag, bound));
        }
        return Collections.unmodifiableMap(results);
    }

    private <T> EvaluationResult<T> typed(FlagType type, String flagKey, EvaluationContext context, T defaultValue) {
        EvaluationResult<Object> result;
        try {
            FlagInEnvironment flag = FlagTable.get(flags, flagKey);
            if (flag == null) {
                result = notFound(flagKey);
            } else if (flag.type() != null && flag.type() != type) {
                result = EvaluationResult.error(
                        ErrorCode.TYPE_MISMATCH,
                        "flag '" + flagKey + "' is of type " + flag.type().jsonName() + ", not " + type.jsonName());
            } else {
                result = flag.evaluate(bound(context));
            }
        } catch (RuntimeException | StackOverflowError e) {
            result = unexpected(e);
        }
        return result.isError() ? result.withValue(defaultValue) : served(result);
    }

    /**
     * {@code context} bound to the set. The test is here, at the evaluation's own call site, so that
     * binding (which code that binds contexts ahead runs often) is not compiled into every
     * evaluation of already bound contexts.
     */
    private EvaluationContext bound(EvaluationContext context) {
        return context.isBoundTo(flagSet) ? context : context.boundTo(flagSet);
    }

    /** A served result of a flag of the asked type: its value has that type (see {@link FlagType#accepts}). */
    @SuppressWarnings("unchecked")
    private static <T> EvaluationResult<T> served(EvaluationResult<Object> result) {
        return (EvaluationResult<T>) (EvaluationResult<?>) result;
    }

    private static EvaluationResult<Object> evaluateOne(FlagInEnvironment flag, EvaluationContext bound) {
        try {
            return flag.evaluate(bound);
        } catch (RuntimeException | StackOverflowError e) {
            return unexpected(e);
        }
    }

    private static EvaluationResult<Object> notFound(String flagKey) {
        return EvaluationResult.error(ErrorCode.FLAG_NOT_FOUND, "no flag '" + flagKey + "'");
    }

    static EvaluationResult<Object> unexpected(Throwable e) {
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return EvaluationResult.error(
                ErrorCode.GENERAL, "unexpected " + e.getClass().getSimpleName() + detail);
    }

    @Override
    public String toString() {
        return "EnvironmentFlags[" + name + ", flags=" + flagKeys() + "]";
    }
}
