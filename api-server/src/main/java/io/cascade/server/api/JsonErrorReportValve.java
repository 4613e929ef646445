package io.cascade.server.api;

import io.cascade.server.error.HttpErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, as JSON: an error status that nothing else answered (the request never
 * reached a servlet, as when its request line or headers are malformed or too large) gets {@code
 * {"errors": [{"message", "extensions": {"code", "requestId"}}]}} and an {@code X-Request-Id}.
 * Messages are fixed per status; nothing of the request is echoed.
 */
final class JsonErrorReportValve extends ErrorReportValve {

    private final JsonMapper json;

    JsonErrorReportValve(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Request-Id", requestId);
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(HttpErrors.body(status, requestId)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already started: nothing more to say
        }
    }
}
