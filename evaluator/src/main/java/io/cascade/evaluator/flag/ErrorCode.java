package io.cascade.evaluator.flag;

/** Why an evaluation failed. The names are OpenFeature's, so a provider can pass them on unchanged. */
public enum ErrorCode {
    /** No flag with that key, or the flag does not define the requested environment. */
    FLAG_NOT_FOUND,
    /** A typed evaluation asked for a type the flag does not have. */
    TYPE_MISMATCH,
    /** A split needs the context's {@code targetingKey} and the context has none. */
    TARGETING_KEY_MISSING,
    /** The context is not usable: a non-string {@code targetingKey}, an unsupported value, too deep. */
    INVALID_CONTEXT,
    /** The stored flag document is invalid (or refers to an invalid segment), so it cannot be evaluated. */
    PARSE_ERROR,
    /** Anything else: a bug, reported as data instead of thrown. */
    GENERAL
}
