package io.cascade.server.auth;

/** Where authentication and authorization failures are counted. */
@FunctionalInterface
public interface AuthMetrics {

    /** A request that presented no valid key, and why. */
    void authFailure(AuthFailureReason reason);

    static AuthMetrics none() {
        return reason -> {};
    }
}
