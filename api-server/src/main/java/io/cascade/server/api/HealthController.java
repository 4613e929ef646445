package io.cascade.server.api;

import io.cascade.server.store.StoreHealth;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health for load balancers and Kubernetes probes, without a key. Each answer is only {@code
 * {"status": ...}}: {@code UP} with HTTP 200, else {@code DOWN} or {@code OUT_OF_SERVICE} with HTTP
 * 503.
 *
 * <ul>
 *   <li>{@code /actuator/health/liveness}: the process works ({@code DOWN} only when Spring Boot
 *       reports it broken). A store outage leaves it {@code UP}: a restart would not bring the
 *       store back.
 *   <li>{@code /actuator/health/readiness}: send it traffic. {@code DOWN} while the store does not
 *       answer ({@link StoreHealth}), {@code OUT_OF_SERVICE} before start-up has finished and while
 *       shutting down.
 *   <li>{@code /actuator/health}: the worse of the two.
 * </ul>
 */
@RestController
class HealthController {

    enum Status {
        UP,
        OUT_OF_SERVICE,
        DOWN
    }

    private final StoreHealth store;
    private final ApplicationAvailability availability;

    HealthController(StoreHealth store, ApplicationAvailability availability) {
        this.store = store;
        this.availability = availability;
    }

    @GetMapping(path = "/actuator/health", produces = "application/json")
    ResponseEntity<Map<String, String>> health() {
        Status liveness = liveness();
        Status readiness = readiness();
        return answer(liveness.compareTo(readiness) >= 0 ? liveness : readiness);
    }

    @GetMapping(path = "/actuator/health/liveness", produces = "application/json")
    ResponseEntity<Map<String, String>> livenessProbe() {
        return answer(liveness());
    }

    @GetMapping(path = "/actuator/health/readiness", produces = "application/json")
    ResponseEntity<Map<String, String>> readinessProbe() {
        return answer(readiness());
    }

    private Status liveness() {
        return availability.getLivenessState() == LivenessState.CORRECT ? Status.UP : Status.DOWN;
    }

    private Status readiness() {
        if (!store.isUp()) {
            return Status.DOWN;
        }
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC ? Status.UP : Status.OUT_OF_SERVICE;
    }

    private static ResponseEntity<Map<String, String>> answer(Status status) {
        return ResponseEntity.status(status == Status.UP ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", status.name()));
    }
}
