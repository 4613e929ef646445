package io.cascade.cli.error;

import java.util.List;
import java.util.Objects;

/**
 * A failure the CLI reports as {@code error: CODE: message} (plus any violations) and turns into
 * an exit status. It is the only exception commands let escape; it carries no stack trace unless
 * it wraps a cause.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ExitStatus status;
    private final String code;
    private final transient List<Violation> violations;

    public CliException(ExitStatus status, String code, String message, List<Violation> violations, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
        this.violations = List.copyOf(violations);
    }

    /** An error with a status, code and message. */
    public static CliException of(ExitStatus status, String code, String message) {
        return new CliException(status, code, message, List.of(), null);
    }

    /** A usage error (exit 2): a bad argument or unreadable input. */
    public static CliException usage(String message) {
        return of(ExitStatus.USAGE, "USAGE", message);
    }

    /** An error the server answered with {@code code}; the status follows from the code. */
    public static CliException fromApi(String code, String message, List<Violation> violations) {
        return new CliException(ExitStatus.forApiCode(code), code, message, violations, null);
    }

    public ExitStatus status() {
        return status;
    }

    /** The API error code, or a CLI code such as {@code USAGE}, {@code UNREACHABLE}, {@code NOT_LOGGED_IN}. */
    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }
}
