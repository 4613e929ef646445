package io.cascade.evaluator.flag;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating one flag. Results that do not depend on the context beyond which branch
 * was taken are precomputed when the {@link FlagSet} is compiled, so evaluation returns shared
 * instances; treat results as values and compare them with {@code equals}.
 *
 * @param value the served variation's value (immutable); on {@link Reason#ERROR} the caller's
 *     default for typed evaluations and {@code null} for {@link FlagEvaluator#evaluate} &mdash; the
 *     one nullable component
 * @param variation the served variation's name; empty on error
 * @param reason why this value
 * @param ruleId the id of the rule that matched; empty unless a rule decided
 * @param errorCode present exactly when {@code reason} is {@link Reason#ERROR}
 * @param message what went wrong, for humans; present on error
 * @param inExperiment whether a split marked {@code experiment: true} chose the variation
 */
public record EvaluationResult(
        Object value,
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
    public static EvaluationResult error(ErrorCode code, String message) {
        return new EvaluationResult(
                null, Optional.empty(), Reason.ERROR, Optional.empty(), Optional.of(code), Optional.of(message), false);
    }

    static EvaluationResult served(String variation, Object value, Reason reason, String ruleId, boolean inExperiment) {
        return new EvaluationResult(
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

    /** This result with another value: how typed evaluations put the caller's default into an error. */
    public EvaluationResult withValue(Object newValue) {
        return new EvaluationResult(newValue, variation, reason, ruleId, errorCode, message, inExperiment);
    }
}
