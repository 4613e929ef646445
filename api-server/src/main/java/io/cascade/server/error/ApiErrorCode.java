package io.cascade.server.error;

/** The codes in {@code errors[].extensions.code}. The code is the contract; messages may change. */
public enum ApiErrorCode {
    /** The change would make some scope's resolved config fail the schema. */
    VALIDATION_FAILED,
    /** A layer sets a property at a dimension the schema does not allow. */
    ILLEGAL_OVERRIDE,
    /** {@code expectedRevision} did not match, or a name is taken. */
    CONFLICT,
    NOT_FOUND,
    /**
     * The change touches a protected environment: it needs an approved change request (or, in an
     * emergency, the platform admin's break-glass with a reason).
     */
    APPROVAL_REQUIRED,
    FORBIDDEN,
    UNAUTHENTICATED,
    DSL_SYNTAX_ERROR,
    LIMIT_EXCEEDED,
    /** An argument is malformed: a bad name, selector, scope or JSON shape. */
    BAD_USER_INPUT,
    /** The body is not a GraphQL request at all. */
    BAD_REQUEST,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    /**
     * The store does not answer: the write was not made, or, when the message says so, it may or
     * may not have been kept. Reads that memory can serve keep working; try the write again later.
     */
    STORE_UNAVAILABLE,
    /** A rollout holds the namespace (or, for a flag ramp, the flag): wait for it to complete, or abort it. */
    ROLLOUT_IN_PROGRESS,
    /** Something went wrong on our side; the message carries a request id, never details. */
    INTERNAL_SERVER_ERROR
}
