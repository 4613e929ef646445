package io.cascade.server.api;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /actuator/health}: {@code {"status":"UP"}} once the store is loaded; no key needed. */
@RestController
class HealthController {

    @GetMapping(path = "/actuator/health", produces = "application/json")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
