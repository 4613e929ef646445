package io.cascade.server.auth;

import java.util.Objects;

/**
 * The authenticated caller: a key and what it is allowed. A platform admin key has no namespace and
 * no role; every other key has both, and an SDK key also an environment.
 */
public record Principal(
        String keyId, String description, boolean platformAdmin, String namespace, Role role, String environment) {

    public Principal {
        Objects.requireNonNull(keyId, "keyId");
        if (!platformAdmin) {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(role, "role");
        }
    }

    /** How the caller appears as an author and in the audit trail: the description, else the key id. */
    public String displayName() {
        return description == null || description.isBlank() ? keyId : description;
    }
}
