package io.cascade.evaluator.flag;

/**
 * What is wrong with a flag or segment document. The code is the contract; the message may change.
 *
 * <p>The API maps {@link #DSL_SYNTAX_ERROR} and {@link #DSL_TYPE_ERROR} to {@code DSL_SYNTAX_ERROR},
 * {@link #LIMIT_EXCEEDED} to {@code LIMIT_EXCEEDED}, and every other code to {@code VALIDATION_FAILED}.
 */
public enum ProblemCode {
    /** A required member is absent. */
    MISSING_FIELD,
    /** A member the document format does not define. */
    UNKNOWN_FIELD,
    /** A member has the wrong JSON type (string expected, got number, ...). */
    WRONG_TYPE,
    /** A key, variation name, rule id or environment name breaks its naming rule. */
    INVALID_NAME,
    /** A value of the right JSON type that is still not allowed (unknown flag type, empty list, ...). */
    INVALID_VALUE,
    /** A variation value does not have the flag's type. */
    VARIATION_TYPE_MISMATCH,
    /** A reference to a variation the flag does not define. */
    UNKNOWN_VARIATION,
    /** Both {@code serve} and {@code split}, or {@code experiment} without a split. */
    INVALID_SERVE,
    /** A split weight that is negative, above 100 or has more than three decimals. */
    INVALID_WEIGHT,
    /** Split weights that do not add up to exactly 100. */
    WEIGHTS_NOT_100,
    /** Two rules of one environment with the same id. */
    DUPLICATE_RULE_ID,
    /** A key listed as a target of two variations. */
    DUPLICATE_TARGET,
    /** Two flag (or two segment) documents with the same key. */
    DUPLICATE_KEY,
    /** The rule source does not parse. */
    DSL_SYNTAX_ERROR,
    /** The rule source parses but is not meaningful (types, unknown function, bad regex). */
    DSL_TYPE_ERROR,
    /** The rule source is too large or too deep. */
    LIMIT_EXCEEDED,
    /** A rule refers to {@code segment("s")} and no segment {@code s} exists. */
    UNKNOWN_SEGMENT,
    /** Segments refer to each other in a cycle. */
    SEGMENT_CYCLE
}
