package io.cascade.server.error;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the client caused or must know about, with a code and structured details. Expected
 * and frequent, so it carries no stack trace.
 */
public class CascadeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ApiErrorCode code;
    private final transient Map<String, Object> details;
    private final transient List<Violation> violations;

    public CascadeException(ApiErrorCode code, String message) {
        this(code, message, Map.of(), List.of());
    }

    public CascadeException(ApiErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, List.of());
    }

    public CascadeException(
            ApiErrorCode code, String message, Map<String, Object> details, List<Violation> violations) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.details = Map.copyOf(details);
        this.violations = List.copyOf(violations);
    }

    public static CascadeException badInput(String message) {
        return new CascadeException(ApiErrorCode.BAD_USER_INPUT, message);
    }

    public static CascadeException notFound(String message) {
        return new CascadeException(ApiErrorCode.NOT_FOUND, message);
    }

    public static CascadeException conflict(String message, Map<String, Object> details) {
        return new CascadeException(ApiErrorCode.CONFLICT, message, details);
    }

    public static CascadeException limit(String limit, long max, String message) {
        return new CascadeException(ApiErrorCode.LIMIT_EXCEEDED, message, Map.of("limit", limit, "max", max));
    }

    /** Refuses a change for its violations: {@code ILLEGAL_OVERRIDE} if any is one, else {@code VALIDATION_FAILED}. */
    public static CascadeException invalid(List<Violation> violations) {
        boolean override = violations.stream().anyMatch(Violation::isIllegalOverride);
        ApiErrorCode code = override ? ApiErrorCode.ILLEGAL_OVERRIDE : ApiErrorCode.VALIDATION_FAILED;
        Violation first = violations.get(0);
        String message = violations.size() + " violation(s); first: " + first.path() + ": " + first.message();
        return new CascadeException(code, message, Map.of(), violations);
    }

    public ApiErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public List<Violation> violations() {
        return violations;
    }
}
