package io.cascade.gateway;

import io.cascade.gateway.hub.SubscriptionHub;
import io.cascade.gateway.ws.Connection;
import io.cascade.gateway.ws.TransportWsHandler;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;

/**
 * The gateway's metrics: {@code cascade.gateway.connections}, {@code .subscriptions}, {@code
 * .groups} (gauges), {@code .messages.sent}, {@code .messages.coalesced} (states replaced by a newer
 * one before a slow client read them) and {@code .connections.closed.slow} (counters, since start), and {@code cascade.propagation.lag}
 * (milliseconds from commit to the hub's update: the value computed and handed to the fan-out
 * threads, not yet to every subscriber; a histogram recorded by the hub).
 */
final class GatewayMetrics {

    GatewayMetrics(OpenTelemetry openTelemetry, TransportWsHandler handler, SubscriptionHub hub) {
        Meter meter = openTelemetry.getMeter("io.cascade.gateway");
        meter.gaugeBuilder("cascade.gateway.connections")
                .ofLongs()
                .setDescription("open WebSocket connections")
                .buildWithCallback(out -> out.record(handler.connections()));
        meter.gaugeBuilder("cascade.gateway.subscriptions")
                .ofLongs()
                .setDescription("subscriptions, hosts and tools")
                .buildWithCallback(out -> out.record(subscriptions(handler)));
        meter.gaugeBuilder("cascade.gateway.groups")
                .ofLongs()
                .setDescription("groups of subscribers computed once per revision")
                .buildWithCallback(out -> out.record(hub.groups()));
        meter.counterBuilder("cascade.gateway.messages.sent")
                .setDescription("messages sent to subscribers")
                .buildWithCallback(out -> out.record(handler.sent()));
        meter.counterBuilder("cascade.gateway.messages.coalesced")
                .setDescription("states replaced by a newer one before a slow subscriber read them")
                .buildWithCallback(out -> out.record(handler.coalesced()));
        meter.counterBuilder("cascade.gateway.connections.closed.slow")
                .setDescription("connections closed because the subscriber read nothing past the stall limit (4499)")
                .buildWithCallback(out -> out.record(handler.closedTooSlow()));
        hub.recordLagWith(meter.histogramBuilder("cascade.propagation.lag")
                .setUnit("ms")
                .setDescription("time from a revision's commit to the gateway handing it to its fan-out threads")
                .build());
    }

    private static long subscriptions(TransportWsHandler handler) {
        long total = 0;
        for (Connection connection : handler.openConnections()) {
            total += connection.subscriptionCount();
        }
        return total;
    }
}
