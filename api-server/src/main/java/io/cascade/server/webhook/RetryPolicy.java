package io.cascade.server.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed delivery is tried again: exponential backoff from {@code initial}, doubling after
 * each failed attempt, jittered by ±25 %, never more than {@code max}; after {@code maxAttempts}
 * attempts the delivery is {@code FAILED}. The defaults: 1 s, 10 min, 15 attempts, which spreads a
 * delivery's attempts over a bit more than an hour.
 */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), 15);

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the first retry delay must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "the longest retry delay " + max + " is shorter than the first " + initial);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a delivery has at least one attempt, not " + maxAttempts);
        }
    }

    /**
     * How long to wait after failed attempt number {@code attempt} (from 1); {@code random} is
     * uniform in [0, 1) and places the delay in its ±25 % jitter band.
     */
    public Duration delayAfter(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + attempt);
        }
        double base = initial.toMillis() * Math.pow(2, Math.min(attempt - 1, 40));
        double jittered = base * (0.75 + 0.5 * random);
        return Duration.ofMillis((long) Math.min(jittered, max.toMillis()));
    }

    /** Whether a delivery that has had {@code attempts} failed attempts is done trying. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
