package io.cascade.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.server.store.StoreHealth;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.ResponseEntity;

class HealthControllerTest {

    private final AtomicBoolean storeAnswers = new AtomicBoolean(true);
    private final StoreHealth store = new StoreHealth(() -> {
        if (!storeAnswers.get()) {
            throw new IllegalStateException("no answer");
        }
    });
    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final HealthController health = new HealthController(store, availability);

    @BeforeEach
    void started() {
        publish(LivenessState.CORRECT);
        publish(ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void aReadyServerWithItsStoreIsUpEverywhere() {
        assertThat(answer(health.health())).isEqualTo("200 UP");
        assertThat(answer(health.livenessProbe())).isEqualTo("200 UP");
        assertThat(answer(health.readinessProbe())).isEqualTo("200 UP");
    }

    @Test
    void withoutItsStoreItIsDownAndNotReadyButAlive() {
        storeAnswers.set(false);
        store.check();

        assertThat(answer(health.health())).isEqualTo("503 DOWN");
        assertThat(answer(health.readinessProbe())).isEqualTo("503 DOWN");
        assertThat(answer(health.livenessProbe())).isEqualTo("200 UP");
    }

    @Test
    void startingOrStoppingItIsOutOfServiceButAlive() {
        publish(ReadinessState.REFUSING_TRAFFIC);

        assertThat(answer(health.health())).isEqualTo("503 OUT_OF_SERVICE");
        assertThat(answer(health.readinessProbe())).isEqualTo("503 OUT_OF_SERVICE");
        assertThat(answer(health.livenessProbe())).isEqualTo("200 UP");
    }

    @Test
    void aBrokenProcessFailsLivenessAndOverallHealth() {
        publish(LivenessState.BROKEN);

        assertThat(answer(health.health())).isEqualTo("503 DOWN");
        assertThat(answer(health.livenessProbe())).isEqualTo("503 DOWN");
        assertThat(answer(health.readinessProbe())).isEqualTo("200 UP");
    }

    @Test
    void theBodyIsTheStatusAndNothingElse() {
        assertThat(health.health().getBody()).isEqualTo(Map.of("status", "UP"));
    }

    private void publish(AvailabilityState state) {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
    }

    private static String answer(ResponseEntity<Map<String, String>> response) {
        return response.getStatusCode().value() + " " + response.getBody().get("status");
    }
}
