package io.cascade.evaluator.flag;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating one flag, typed by the evaluation that produced it: {@code
 * EvaluationResult<Boolean>} from {@link EnvironmentFlags#evaluateBoolean}, {@code <String>},
 * {@code <Number>}, and {@code <Object>} (any JSON value) from the untyped calls. Results that do not
 * depend on the context beyond which branch was taken are precomputed when the {@link FlagSet} is
 * compiled, so evaluation returns shared instances; treat results as values and compare them with
 * {@code equals}.
 *
 * <p>A flag key or an environment that does not exist is not a silent default: the result is an
 * error with {@link ErrorCode#FLAG_NOT_FOUND} ({@link #isNotFound()}), its message naming what is
 * missing, and only its {@code value} is the caller's default.
 *
 * @param value the served variation's value (immutable); on {@link Reason#ERROR} the caller's
 *     default for typed evaluations and {@code null} for untyped ones &mdash; the one nullable
 *     component
 * @param variation the served variation's name; empty on error
 * @param reason why this value
 * @param ruleId the id of the rule that matched; empty unless a rule decided
 * @param errorCode present exactly when {@code reason} is {@link Reason#ERROR}
 * @param message what went wrong, for humans; present on error
 * @param inExperiment whether a split marked {@code experiment: true} chose the variation
 * @param <T> the type of the value: {@code Boolean}, {@code String}, {@code Number}, or {@code
 *     Object} for any JSON value
 */
public record EvaluationResult<T>(
        T value,
        Optional<String> variation,
        Reason reason,
        Optional<String> ruleId,
        Optional<ErrorCode> errorCode,
        Optional<String> message,
        boolean inExperiment) {

    public EvaluationResult {
        Objects.requireNonNull(variation, "variation");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
        if ((reason == Reason.ERROR) != errorCode.isPresent()) {
            throw new IllegalArgumentException("an error code exactly when the reason is ERROR");
        }
    }

    /** An {@link Reason#ERROR} result with no value. */
    public static <T> EvaluationResult<T> error(ErrorCode code, String message) {
        return new EvaluationResult<>(
                null, Optional.empty(), Reason.ERROR, Optional.empty(), Optional.of(code), Optional.of(message), false);
    }

    static EvaluationResult<Object> served(
            String variation, Object value, Reason reason, String ruleId, boolean inExperiment) {
        return new EvaluationResult<>(
                value,
                Optional.of(variation),
                reason,
                Optional.ofNullable(ruleId),
                Optional.empty(),
                Optional.empty(),
                inExperiment);
    }

    /** Whether evaluation failed ({@link Reason#ERROR}). */
    public boolean isError() {
        return reason == Reason.ERROR;
    }

    /**
     * Whether there was nothing to evaluate: no flag with that key, or no such environment (for the
     * flag, or in the whole set). A typo in a key or an environment shows up here.
     */
    public boolean isNotFound() {
        return errorCode.isPresent() && errorCode.get() == ErrorCode.FLAG_NOT_FOUND;
    }

    /** This result with another value: how typed evaluations put the caller's default into an error. */
    public <U> EvaluationResult<U> withValue(U newValue) {
        return new EvaluationResult<>(newValue, variation, reason, ruleId, errorCode, message, inExperiment);
    }
}
