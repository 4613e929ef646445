package io.cascade.rules;

import java.util.Objects;

/**
 * One problem found in rule source: a stable {@code code}, where it is and a message for humans.
 * The code is the contract; the message may change.
 *
 * @param code one of {@link #SYNTAX_ERROR}, {@link #TYPE_ERROR}, {@link #LIMIT_EXCEEDED}
 * @param severity how serious it is
 * @param span where in the source
 * @param message what is wrong, where and what was expected
 */
public record Diagnostic(String code, Severity severity, Span span, String message) {

    /** The source is not well-formed: a stray token, an unterminated string, a bad escape. */
    public static final String SYNTAX_ERROR = "DSL_SYNTAX_ERROR";

    /**
     * The source parses but is not meaningful: unknown attribute or function, wrong operand types
     * or argument count, bad regex, date-time or semver literal.
     */
    public static final String TYPE_ERROR = "DSL_TYPE_ERROR";

    /** The source is too large, nests too deeply or has too long a list. */
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
    }

    /** An error with the given code. */
    public static Diagnostic error(String code, Span span, String message) {
        return new Diagnostic(code, Severity.ERROR, span, message);
    }

    /**
     * Three lines: {@code line:col: message}, the source line, and a caret under the column.
     *
     * <pre>
     * 1:15: '&gt;=' needs number on both sides, but the right side is string "42"
     *  | appVersion &gt;= "42"
     *  | ..............^
     * </pre>
     *
     * A diagnostic without a position ({@link Span#NONE}) renders as its message alone.
     */
    public String render(String source) {
        Objects.requireNonNull(source, "source");
        if (span.line() == 0) {
            return message;
        }
        String line = sourceLine(source, span.line());
        StringBuilder out = new StringBuilder();
        out.append(span.position()).append(": ").append(message).append('\n');
        out.append(" | ").append(line).append('\n');
        out.append(" | ").append(".".repeat(Math.max(0, span.column() - 1))).append('^');
        return out.toString();
    }

    private static String sourceLine(String source, int lineNumber) {
        String[] lines = source.split("\r\n|\r|\n", -1);
        if (lineNumber > lines.length) {
            return "";
        }
        return lines[lineNumber - 1];
    }
}
