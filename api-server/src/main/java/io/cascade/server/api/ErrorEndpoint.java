package io.cascade.server.api;

import io.cascade.server.error.HttpErrors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /error}, where the servlet container sends a request that failed with an error status,
 * answered as JSON in our error shape with the code that status stands for, whatever the request
 * accepts. Asked for directly (any method, no key needed) it is {@code 404 NOT_FOUND}, never a
 * 500. Replaces Boot's {@code BasicErrorController}.
 */
@Controller
class ErrorEndpoint implements ErrorController {

    private final JsonMapper json;

    ErrorEndpoint(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = forwarded instanceof Integer code && code >= 400 ? code : HttpServletResponse.SC_NOT_FOUND;
        String requestId = response.getHeader("X-Request-Id");
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
            response.setHeader("X-Request-Id", requestId);
        }
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), HttpErrors.body(status, requestId));
    }
}
