package io.cascade.server.api;

import io.cascade.server.auth.Actor;
import io.cascade.server.auth.AuthFilter;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.HttpErrors;
import io.cascade.server.rollout.AlertService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /hooks/alertmanager}: Alertmanager's webhook (payload version 4) with a bearer key;
 * answers {@code {"aborted": [{"namespace", "id"}]}}. The body is read up to 1 MiB.
 */
@RestController
class AlertmanagerController {

    private static final int MAX_BODY = 1024 * 1024;

    private final AlertService alerts;
    private final JsonMapper json;

    AlertmanagerController(AlertService alerts, JsonMapper json) {
        this.alerts = alerts;
        this.json = json;
    }

    @PostMapping("/hooks/alertmanager")
    void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Actor actor = (Actor) request.getAttribute(AuthFilter.ACTOR);
        try {
            Object payload = read(request);
            List<AlertService.Aborted> aborted = alerts.receive(payload, actor);
            response.setStatus(200);
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), Map.of("aborted", aborted));
        } catch (CascadeException e) {
            int status = e.code() == ApiErrorCode.LIMIT_EXCEEDED ? 413 : 400;
            HttpErrors.write(response, json, status, e.code(), e.getMessage(), Map.of());
        }
    }

    private Object read(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw CascadeException.limit(
                        "requestBytes", MAX_BODY, "the payload is larger than " + MAX_BODY + " bytes");
            }
            return json.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw CascadeException.badInput("the payload is not JSON");
        }
    }
}
