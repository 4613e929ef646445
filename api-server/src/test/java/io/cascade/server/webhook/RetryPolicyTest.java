package io.cascade.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 5);

    @Test
    void doublesFromTheInitialDelayWithinTheJitterBand() {
        assertThat(policy.delayAfter(1, 0.0)).isEqualTo(Duration.ofMillis(750));
        assertThat(policy.delayAfter(1, 0.5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayAfter(1, 0.999_999)).isBetween(Duration.ofMillis(1249), Duration.ofMillis(1250));
        assertThat(policy.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(5, 0.0)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(policy.delayAfter(7, 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(7, 0.999)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(1_000, 0.5)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void stopsAfterTheLimit() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void theDefaultsSpreadAttemptsOverAboutAnHour() {
        long total = 0;
        for (int attempt = 1; attempt < RetryPolicy.DEFAULT.maxAttempts(); attempt++) {
            total += RetryPolicy.DEFAULT.delayAfter(attempt, 0.5).toSeconds();
        }
        assertThat(Duration.ofSeconds(total)).isBetween(Duration.ofMinutes(50), Duration.ofMinutes(70));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
