package io.cascade.server.auth;

import java.util.Objects;

/**
 * Who makes a change, and in which request: what revisions and audit entries record. {@code
 * breakGlass} is the reason the caller gave for writing to a protected environment without
 * approvals, or null (the usual case).
 */
public record Actor(Principal principal, String requestId, String breakGlass) {

    public Actor {
        Objects.requireNonNull(principal, "principal");
    }

    public Actor(Principal principal, String requestId) {
        this(principal, requestId, null);
    }

    /** This actor, breaking glass for {@code reason} when it is not null. */
    public Actor breakingGlass(String reason) {
        return reason == null ? this : new Actor(principal, requestId, reason);
    }

    /** The actor of work the server does on its own, such as start-up repairs. */
    public static Actor system(String what) {
        return new Actor(new Principal("system", what, true, null, null, null), null);
    }

    public String name() {
        return principal.displayName();
    }

    public String keyId() {
        return principal.keyId();
    }
}
