package io.cascade.evaluator.flag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates flags of a {@link FlagSet} for an {@link EvaluationContext}. The one entry point for
 * flag evaluation, used by the server and the client alike so both always agree.
 *
 * <p>Order: an environment that is off serves its {@code offVariation} ({@link Reason#DISABLED});
 * then individual targets ({@link Reason#TARGETING_MATCH}); then the rules in order (one variation:
 * {@link Reason#TARGETING_MATCH}, a split: {@link Reason#SPLIT}); then the fallthrough (one variation:
 * {@link Reason#DEFAULT}, a split: {@link Reason#SPLIT}).
 *
 * <p>Never throws: every failure, including a bug, comes back as an {@link Reason#ERROR} result with
 * an {@link ErrorCode} and a message. Stateless and thread-safe.
 *
 * <p>IMPLEMENTATION NOTES: the hot path is {@link CompiledFlag#evaluate}. Non-error results are
 * shared constants built at compile time; the only per-call allocation is {@link
 * EvaluationContext#boundTo}, which returns the context itself when the caller bound it to the set.
 */
public final class FlagEvaluator {

    private static final FlagEvaluator INSTANCE = new FlagEvaluator();

    private FlagEvaluator() {}

    /** The evaluator. */
    public static FlagEvaluator create() {
        return INSTANCE;
    }

    /**
     * Evaluates flag {@code flagKey} in {@code environment}. An unknown flag, or a flag that does not
     * define the environment, gives {@link ErrorCode#FLAG_NOT_FOUND}. Archived flags evaluate as usual.
     */
    public EvaluationResult evaluate(FlagSet flagSet, String flagKey, String environment, EvaluationContext context) {
        try {
            CompiledFlag flag = flagSet.compiledFlag(flagKey);
            if (flag == null) {
                return notFound(flagKey);
            }
            return flag.evaluate(environment, context.boundTo(flagSet));
        } catch (RuntimeException | StackOverflowError e) {
            return unexpected(e);
        }
    }

    /**
     * Evaluates every flag that defines {@code environment} and is not archived, in document order,
     * keyed by flag key. Flags whose documents are invalid are included, as {@link
     * ErrorCode#PARSE_ERROR} results.
     */
    public Map<String, EvaluationResult> evaluateAll(FlagSet flagSet, String environment, EvaluationContext context) {
        Map<String, EvaluationResult> results = new LinkedHashMap<>();
        try {
            EvaluationContext bound = context.boundTo(flagSet);
            for (CompiledFlag flag : flagSet.compiledFlags()) {
                if (flag.isArchived() || !flag.hasEnvironment(environment)) {
                    continue;
                }
                results.put(flag.key(), evaluateOne(flag, environment, bound));
            }
        } catch (RuntimeException e) {
            // only a null argument gets here: each flag's own failure is caught by evaluateOne
            return Map.of();
        }
        return Collections.unmodifiableMap(results);
    }

    /** Evaluates a boolean flag; on error, or when the flag is not boolean, the value is {@code defaultValue}. */
    public EvaluationResult evaluateBoolean(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context, boolean defaultValue) {
        return typed(FlagType.BOOLEAN, flagSet, flagKey, environment, context, defaultValue);
    }

    /** Evaluates a string flag; on error, or when the flag is not a string flag, the value is {@code defaultValue}. */
    public EvaluationResult evaluateString(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context, String defaultValue) {
        return typed(FlagType.STRING, flagSet, flagKey, environment, context, defaultValue);
    }

    /** Evaluates a number flag; on error, or when the flag is not a number flag, the value is {@code defaultValue}. */
    public EvaluationResult evaluateNumber(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context, Number defaultValue) {
        return typed(FlagType.NUMBER, flagSet, flagKey, environment, context, defaultValue);
    }

    /** Evaluates a json flag; on error, or when the flag is not a json flag, the value is {@code defaultValue}. */
    public EvaluationResult evaluateJson(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context, Object defaultValue) {
        return typed(FlagType.JSON, flagSet, flagKey, environment, context, defaultValue);
    }

    private EvaluationResult typed(
            FlagType type,
            FlagSet flagSet,
            String flagKey,
            String environment,
            EvaluationContext context,
            Object defaultValue) {
        EvaluationResult result;
        try {
            CompiledFlag flag = flagSet.compiledFlag(flagKey);
            if (flag == null) {
                result = notFound(flagKey);
            } else if (flag.flag() != null && flag.flag().type() != type) {
                result = EvaluationResult.error(
                        ErrorCode.TYPE_MISMATCH,
                        "flag '" + flagKey + "' is of type "
                                + flag.flag().type().jsonName() + ", not " + type.jsonName());
            } else {
                result = flag.evaluate(environment, context.boundTo(flagSet));
            }
        } catch (RuntimeException | StackOverflowError e) {
            result = unexpected(e);
        }
        return result.isError() ? result.withValue(defaultValue) : result;
    }

    private static EvaluationResult evaluateOne(CompiledFlag flag, String environment, EvaluationContext bound) {
        try {
            return flag.evaluate(environment, bound);
        } catch (RuntimeException | StackOverflowError e) {
            return unexpected(e);
        }
    }

    private static EvaluationResult notFound(String flagKey) {
        return EvaluationResult.error(ErrorCode.FLAG_NOT_FOUND, "no flag '" + flagKey + "'");
    }

    private static EvaluationResult unexpected(Throwable e) {
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return EvaluationResult.error(
                ErrorCode.GENERAL, "unexpected " + e.getClass().getSimpleName() + detail);
    }
}
