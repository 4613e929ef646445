package io.cascade.server.auth;

/** Where authentication and authorization failures are counted. */
@FunctionalInterface
public interface AuthMetrics {

    /** A request that presented no valid key; {@code reason} never contains the key. */
    void authFailure(String reason);

    static AuthMetrics none() {
        return reason -> {};
    }
}
