package io.cascade.cli.error;

/**
 * What a {@code cascade} run ends with. Scripts rely on these numbers; they never change meaning.
 */
public enum ExitStatus {
    /** The command did what was asked. */
    OK(0),
    /** The change or dry run is invalid: validation failed, illegal override, DSL error, broken audit chain. */
    INVALID(1),
    /** The command line or its input is wrong: bad option, unreadable file, {@code BAD_USER_INPUT}. */
    USAGE(2),
    /** {@code expectedRevision} did not match, or the name is taken. */
    CONFLICT(3),
    /** No key, or the key is not accepted or not allowed ({@code UNAUTHENTICATED}, {@code FORBIDDEN}). */
    AUTH(4),
    /** The server could not be reached: connection refused, unknown host, timeout. */
    UNREACHABLE(5),
    /** No such namespace, layer, revision, flag, segment or key. */
    NOT_FOUND(6),
    /** Any other server error. */
    SERVER_ERROR(7),
    /**
     * The change touches a protected environment and lacks approvals ({@code APPROVAL_REQUIRED}), or
     * {@code --wait} gave up before the change request was approved.
     */
    APPROVAL_REQUIRED(8),
    /** The change request was rejected ({@code apply --wait}). */
    REJECTED(9);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }

    /** The status for an API error code ({@code errors[].extensions.code}). */
    public static ExitStatus forApiCode(String apiCode) {
        if (apiCode == null) {
            return SERVER_ERROR;
        }
        return switch (apiCode) {
            case "VALIDATION_FAILED", "ILLEGAL_OVERRIDE", "DSL_SYNTAX_ERROR", "DSL_TYPE_ERROR" -> INVALID;
            case "BAD_USER_INPUT", "LIMIT_EXCEEDED" -> USAGE;
            case "CONFLICT", "ROLLOUT_IN_PROGRESS" -> CONFLICT;
            case "UNAUTHENTICATED", "FORBIDDEN" -> AUTH;
            case "NOT_FOUND" -> NOT_FOUND;
            case "APPROVAL_REQUIRED" -> APPROVAL_REQUIRED;
            default -> SERVER_ERROR;
        };
    }
}
