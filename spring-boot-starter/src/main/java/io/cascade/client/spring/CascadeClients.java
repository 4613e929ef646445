package io.cascade.client.spring;

import io.cascade.client.CascadeClient;

/** Builds and starts a client from {@code cascade.*}. All static. */
final class CascadeClients {

    private CascadeClients() {}

    static CascadeClient start(CascadeProperties properties) {
        CascadeClient.Builder builder = CascadeClient.builder()
                .endpoints(properties.getEndpoints())
                .apiKey(properties.getApiKey())
                .namespace(properties.getNamespace())
                .scope(properties.getScope())
                .pollInterval(properties.getPollInterval());
        if (properties.getHostId() != null) {
            builder.hostId(properties.getHostId());
        }
        if (properties.getCacheDirectory() != null) {
            builder.cacheDirectory(properties.getCacheDirectory());
        }
        return builder.build().start(properties.getStartTimeout());
    }
}
