package io.cascade.server.error;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a refusal made before GraphQL runs (by a servlet filter) in the same shape GraphQL errors
 * have: {@code {"errors": [{"message", "extensions": {"code", ...details}}]}}.
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
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(details);
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(
                response.getOutputStream(),
                Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))));
    }
}
