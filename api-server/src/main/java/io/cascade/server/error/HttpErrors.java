package io.cascade.server.error;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a refusal made outside GraphQL (by a servlet filter, Tomcat or {@code /error}) in the same
 * shape GraphQL errors have: {@code {"errors": [{"message", "extensions": {"code", ...details}}]}}.
 */
public final class HttpErrors {

    private HttpErrors() {}

    public static void write(
            HttpServletResponse response,
            JsonMapper json,
            int status,
            ApiErrorCode code,
            String message,
            Map<String, Object> details)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), body(code, message, details));
    }

    /** The error body for an HTTP status when nothing but the status is known: its code and a fixed message. */
    public static Map<String, Object> body(int status, String requestId) {
        return body(codeOf(status), messageOf(status), Map.of("requestId", requestId));
    }

    public static Map<String, Object> body(ApiErrorCode code, String message, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(details);
        return Map.of("errors", List.of(Map.of("message", message, "extensions", extensions)));
    }

    /** The code an HTTP error status stands for when nothing more is known. */
    public static ApiErrorCode codeOf(int status) {
        if (status >= 500) {
            return ApiErrorCode.INTERNAL_SERVER_ERROR;
        }
        return switch (status) {
            case 401 -> ApiErrorCode.UNAUTHENTICATED;
            case 403 -> ApiErrorCode.FORBIDDEN;
            case 404 -> ApiErrorCode.NOT_FOUND;
            default -> ApiErrorCode.BAD_REQUEST;
        };
    }

    private static String messageOf(int status) {
        if (status >= 500) {
            return "internal error (HTTP " + status + ")";
        }
        return switch (status) {
            case 400 ->
                "the request could not be read: a malformed request line or header, headers larger than the"
                        + " limit, or a body that does not match its framing";
            case 404 -> "no such resource";
            case 405 -> "method not allowed";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the request is too large";
            default -> "the request was refused (HTTP " + status + ")";
        };
    }
}
