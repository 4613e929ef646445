package io.cascade.evaluator.flag;

import java.util.Map;

/**
 * Evaluates flags of a {@link FlagSet} for an {@link EvaluationContext}, naming the environment on
 * each call; the same as {@link FlagSet#environment(String)} then {@link EnvironmentFlags}, which is
 * what a host that runs in one environment holds. Used by the server and the client alike, so both
 * always agree.
 *
 * <p>Order: an environment that is off serves its {@code offVariation} ({@link Reason#DISABLED});
 * then individual targets ({@link Reason#TARGETING_MATCH}); then the rules in order (one variation:
 * {@link Reason#TARGETING_MATCH}, a split: {@link Reason#SPLIT}); then the fallthrough (one variation:
 * {@link Reason#DEFAULT}, a split: {@link Reason#SPLIT}).
 *
 * <p>Never throws: every failure, including a bug, comes back as an {@link Reason#ERROR} result with
 * an {@link ErrorCode} and a message. An unknown flag key, or an environment the flag (or the whole
 * set) does not define, gives {@link ErrorCode#FLAG_NOT_FOUND} with a message saying which. Stateless
 * and thread-safe.
 */
public final class FlagEvaluator {

    private static final FlagEvaluator INSTANCE = new FlagEvaluator();

    private FlagEvaluator() {}

    /** The evaluator. */
    public static FlagEvaluator create() {
        return INSTANCE;
    }

    /** Evaluates flag {@code flagKey} in {@code environment}. Archived flags evaluate as usual. */
    public EvaluationResult<Object> evaluate(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context) {
        try {
            EnvironmentFlags flags = flagSet.environmentOrNull(environment);
            if (flags == null) {
                return unknownEnvironment(flagSet, flagKey, environment, context);
            }
            return flags.evaluate(flagKey, context);
        } catch (RuntimeException e) {
            return EnvironmentFlags.unexpected(e);
        }
    }

    /**
     * Evaluates every flag that defines {@code environment} and is not archived, in document order,
     * keyed by flag key. Flags whose documents are invalid are included, as {@link
     * ErrorCode#PARSE_ERROR} results.
     */
    public Map<String, EvaluationResult<Object>> evaluateAll(
            FlagSet flagSet, String environment, EvaluationContext context) {
        try {
            EnvironmentFlags flags = flagSet.environmentOrNull(environment);
            if (flags != null) {
                return flags.evaluateAll(context);
            }
            return new EnvironmentFlags(flagSet, environment, flagSet.compiledFlags()).evaluateAll(context);
        } catch (RuntimeException e) {
            // only a null argument gets here: each flag's own failure is caught by EnvironmentFlags
            return Map.of();
        }
    }

    /** Evaluates a boolean flag; on error, or when the flag is not boolean, the value is {@code defaultValue}. */
    public EvaluationResult<Boolean> evaluateBoolean(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context, boolean defaultValue) {
        try {
            return in(flagSet, environment).evaluateBoolean(flagKey, context, defaultValue);
        } catch (RuntimeException e) {
            return EnvironmentFlags.unexpected(e).withValue(defaultValue);
        }
    }

    /** Evaluates a string flag; on error, or when the flag is not a string flag, the value is {@code defaultValue}. */
    public EvaluationResult<String> evaluateString(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context, String defaultValue) {
        try {
            return in(flagSet, environment).evaluateString(flagKey, context, defaultValue);
        } catch (RuntimeException e) {
            return EnvironmentFlags.unexpected(e).withValue(defaultValue);
        }
    }

    /** Evaluates a number flag; on error, or when the flag is not a number flag, the value is {@code defaultValue}. */
    public EvaluationResult<Number> evaluateNumber(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context, Number defaultValue) {
        try {
            return in(flagSet, environment).evaluateNumber(flagKey, context, defaultValue);
        } catch (RuntimeException e) {
            return EnvironmentFlags.unexpected(e).withValue(defaultValue);
        }
    }

    /** Evaluates a json flag; on error, or when the flag is not a json flag, the value is {@code defaultValue}. */
    public EvaluationResult<Object> evaluateJson(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context, Object defaultValue) {
        try {
            return in(flagSet, environment).evaluateJson(flagKey, context, defaultValue);
        } catch (RuntimeException e) {
            return EnvironmentFlags.unexpected(e).withValue(defaultValue);
        }
    }

    /** The view of {@code environment}; for one no valid flag defines, a view where every flag says so. */
    private static EnvironmentFlags in(FlagSet flagSet, String environment) {
        EnvironmentFlags flags = flagSet.environmentOrNull(environment);
        return flags != null ? flags : new EnvironmentFlags(flagSet, environment, flagSet.compiledFlags());
    }

    private static EvaluationResult<Object> unknownEnvironment(
            FlagSet flagSet, String flagKey, String environment, EvaluationContext context) {
        if (flagSet.compiledFlag(flagKey) == null) {
            return EvaluationResult.error(ErrorCode.FLAG_NOT_FOUND, "no flag '" + flagKey + "'");
        }
        return new EnvironmentFlags(flagSet, environment, flagSet.compiledFlags()).evaluate(flagKey, context);
    }
}
