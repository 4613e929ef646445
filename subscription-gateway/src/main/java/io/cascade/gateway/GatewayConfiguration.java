package io.cascade.gateway;

import io.cascade.gateway.api.GatewayErrors;
import io.cascade.gateway.api.SubscriptionController;
import io.cascade.gateway.graphql.Scalars;
import io.cascade.gateway.graphql.SharedEventsStrategy;
import io.cascade.gateway.hub.SharedMessages;
import io.cascade.gateway.hub.SubscriptionHub;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.HostPresence;
import io.cascade.gateway.spi.KeyVerifier;
import io.cascade.gateway.ws.TransportWsHandler;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's parts: the hub, the subscription controller, and the graphql-transport-ws endpoint
 * on {@code /graphql} (upgrade requests only; plain requests to the same path go to the HTTP API).
 * Imported by the server, which provides the {@link GatewayState}, {@link KeyVerifier} and {@link
 * HostPresence} beans from its own state, and by the standalone gateway, which provides remote ones.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /** The schema's scalars, {@code JSON} and {@code DateTime}, for the server and the standalone gateway alike. */
    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(Scalars.JSON).scalar(Scalars.DATE_TIME);
    }

    /** What subscribers of one group are sent, completed and written once for all of them. */
    @Bean
    SharedMessages sharedMessages() {
        return new SharedMessages();
    }

    /**
     * Subscriptions run with {@link SharedEventsStrategy}, reporting data fetcher exceptions through
     * the same resolvers as Spring's default strategy.
     */
    @Bean
    GraphQlSourceBuilderCustomizer sharedEvents(
            ObjectProvider<DataFetcherExceptionResolver> resolvers, SharedMessages shared) {
        return builder ->
                builder.configureGraphQl(graphQl -> graphQl.subscriptionExecutionStrategy(new SharedEventsStrategy(
                        DataFetcherExceptionResolver.createExceptionHandler(
                                resolvers.orderedStream().toList()),
                        shared)));
    }

    @Bean(destroyMethod = "close")
    SubscriptionHub subscriptionHub(
            GatewayState state,
            @Value("${cascade.gateway.fan-out-threads:#{T(java.lang.Runtime).getRuntime().availableProcessors()}}")
                    int fanOutThreads) {
        return new SubscriptionHub(state, fanOutThreads);
    }

    @Bean
    SubscriptionController subscriptionController(GatewayState state, SubscriptionHub hub) {
        return new SubscriptionController(state, hub);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    GatewayErrors gatewayErrors() {
        return new GatewayErrors();
    }

    @Bean(destroyMethod = "close")
    TransportWsHandler transportWsHandler(
            ExecutionGraphQlService graphQl,
            KeyVerifier keys,
            JsonMapper json,
            SharedMessages shared,
            @Value("${cascade.gateway.init-timeout:PT30S}") Duration initTimeout,
            @Value("${cascade.gateway.stall-limit:PT30S}") Duration stallLimit,
            @Value("${cascade.gateway.key-recheck:PT5S}") Duration keyRecheck,
            @Value("${cascade.gateway.max-subscriptions-per-connection:100}") int maxSubscriptions) {
        return new TransportWsHandler(
                graphQl,
                keys,
                json,
                shared,
                new TransportWsHandler.GatewayLimits(initTimeout, stallLimit, keyRecheck, maxSubscriptions, 64 * 1024));
    }

    /** WebSocket upgrades of {@code /graphql}, looked at before anything else maps the path. */
    @Bean
    HandlerMapping graphQlWebSocketMapping(TransportWsHandler handler) {
        WebSocketHttpRequestHandler upgrade = new WebSocketHttpRequestHandler(handler, new DefaultHandshakeHandler());
        WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of("/graphql", upgrade));
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    @Bean(destroyMethod = "close")
    PresenceReporter presenceReporter(
            TransportWsHandler handler,
            HostPresence presence,
            @Value("${cascade.gateway.presence-interval:PT5S}") Duration interval) {
        return new PresenceReporter(handler, presence, interval);
    }

    @Bean
    GatewayMetrics gatewayMetrics(
            ObjectProvider<OpenTelemetry> openTelemetry, TransportWsHandler handler, SubscriptionHub hub) {
        return new GatewayMetrics(openTelemetry.getIfAvailable(OpenTelemetry::noop), handler, hub);
    }
}
