package io.cascade.server.change;

import io.cascade.server.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The change control of one environment of a namespace. With {@code requiredApprovals >= 1} the
 * environment is protected: direct writes that touch it are refused, change requests need that
 * many approvals from keys with at least {@code approverRole}, none of them the author's. A change
 * request that touches it expires {@code expiresAfter} after it was proposed or last revised (null:
 * never).
 */
public record EnvironmentPolicy(
        String environment,
        int requiredApprovals,
        Role approverRole,
        Duration expiresAfter,
        Instant updatedAt,
        String updatedBy) {

    public static final int MAX_APPROVALS = 10;

    public EnvironmentPolicy {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(approverRole, "approverRole");
        if (requiredApprovals < 0 || requiredApprovals > MAX_APPROVALS) {
            throw new IllegalArgumentException("requiredApprovals must be 0-" + MAX_APPROVALS);
        }
    }

    public boolean isProtected() {
        return requiredApprovals > 0;
    }

    /** Whole hours, or null. */
    public Integer expiresAfterHours() {
        return expiresAfter == null ? null : (int) expiresAfter.toHours();
    }
}
