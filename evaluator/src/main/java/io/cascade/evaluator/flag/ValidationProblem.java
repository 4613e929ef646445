package io.cascade.evaluator.flag;

import java.util.Objects;

/**
 * One problem in a flag or segment document.
 *
 * @param path a JSON Pointer (RFC 6901) into the document, {@code ""} for the document itself; from
 *     {@link FlagSet#compile} it is prefixed with {@code /flags/<i>} or {@code /segments/<i>}
 * @param code what kind of problem
 * @param message what is wrong and what was expected, for humans
 */
public record ValidationProblem(String path, ProblemCode code, String message) {

    public ValidationProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** This problem with {@code prefix} (a JSON Pointer) put before its path. */
    public ValidationProblem under(String prefix) {
        return new ValidationProblem(prefix + path, code, message);
    }

    /** {@code path: code: message}. */
    @Override
    public String toString() {
        return (path.isEmpty() ? "/" : path) + ": " + code + ": " + message;
    }
}
