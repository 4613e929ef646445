package io.cascade.server.auth;

import java.time.Instant;
import java.util.Objects;

/** A stored key: everything but the secret, of which only a SHA-256 hash is kept. */
public record ApiKey(
        String id,
        String hash,
        String namespace,
        Role role,
        String environment,
        String description,
        boolean platformAdmin,
        Instant createdAt,
        String createdBy,
        Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public ApiKey revokedAt(Instant when) {
        return new ApiKey(
                id, hash, namespace, role, environment, description, platformAdmin, createdAt, createdBy, when);
    }

    public Principal principal() {
        return new Principal(id, description, platformAdmin, namespace, role, environment);
    }
}
