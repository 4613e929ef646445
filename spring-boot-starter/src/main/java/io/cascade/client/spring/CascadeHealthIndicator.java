package io.cascade.client.spring;

import io.cascade.client.CascadeClient;
import io.cascade.client.ConnectionState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The client's health: UP while subscribed, UP with {@code stale} details while it serves what it
 * holds without a subscription, OUT_OF_SERVICE once closed; with the connection state, the revision
 * and the staleness in seconds.
 */
public final class CascadeHealthIndicator extends AbstractHealthIndicator {

    private final CascadeClient client;

    public CascadeHealthIndicator(CascadeClient client) {
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ConnectionState state = client.connectionState();
        if (state == ConnectionState.CLOSED) {
            builder.outOfService();
        } else {
            builder.up();
        }
        builder.withDetail("connection", state.name())
                .withDetail("revision", client.revision())
                .withDetail("stale", state != ConnectionState.CONNECTED)
                .withDetail("stalenessSeconds", client.staleness().toSeconds());
    }
}
