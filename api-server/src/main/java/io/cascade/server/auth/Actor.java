package io.cascade.server.auth;

import java.util.Objects;

/** Who makes a change, and in which request: what revisions and audit entries record. */
public record Actor(Principal principal, String requestId) {

    public Actor {
        Objects.requireNonNull(principal, "principal");
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
