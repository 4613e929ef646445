package io.cascade.server.namespace;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds on what one request may ask of the server; each is answered with {@code LIMIT_EXCEEDED}
 * naming the limit. Set with {@code cascade.limits.*} properties or {@code CASCADE_LIMITS_*}.
 */
@ConfigurationProperties("cascade.limits")
public record Limits(
        Long requestBytes,
        Integer jsonDepth,
        Integer layerBytes,
        Integer documentBytes,
        Integer layersPerNamespace,
        Integer validationScopes) {

    public Limits {
        requestBytes = requestBytes == null ? 1024 * 1024 : requestBytes;
        jsonDepth = jsonDepth == null ? 32 : jsonDepth;
        layerBytes = layerBytes == null ? 256 * 1024 : layerBytes;
        documentBytes = documentBytes == null ? 1024 * 1024 : documentBytes;
        layersPerNamespace = layersPerNamespace == null ? 10_000 : layersPerNamespace;
        validationScopes = validationScopes == null ? 200_000 : validationScopes;
    }

    public static Limits defaults() {
        return new Limits(null, null, null, null, null, null);
    }
}
