package io.cascade.gateway.standalone;

import graphql.ErrorType;
import io.cascade.gateway.GatewayConfiguration;
import io.cascade.gateway.bus.LocalRevisionBus;
import io.cascade.gateway.bus.RedisRevisionBus;
import io.cascade.gateway.bus.RevisionBus;
import io.cascade.gateway.graphql.DocumentCache;
import io.cascade.gateway.spi.HostPresence;
import io.cascade.gateway.spi.KeyVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscription gateway on its own: {@code java -jar cascade-subscription-gateway-exec.jar}, or
 * {@code bin/cascade-gateway}. It serves subscriptions on {@code /graphql} (WebSocket) from
 * snapshots it reads from the servers ({@code CASCADE_SERVER_URL}, comma-separated, in failover
 * order) with a platform admin key ({@code CASCADE_GATEWAY_KEY}), kept current by Redis
 * announcements ({@code CASCADE_REDIS_URI}) and a periodic check.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(GatewayConfiguration.class)
public class GatewayServer {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(GatewayServer.class);
        application.setDefaultProperties(Map.of("spring.config.name", "gateway-application"));
        application.run(args);
    }

    @Bean
    ServerClient serverClient(
            @Value("${cascade.server-url:http://127.0.0.1:8080}") String urls,
            @Value("${cascade.gateway-key:}") String key,
            JsonMapper json) {
        if (key.isBlank()) {
            throw new IllegalStateException("set CASCADE_GATEWAY_KEY to a platform admin key of the servers");
        }
        List<URI> endpoints = Arrays.stream(urls.split(","))
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .map(URI::create)
                .toList();
        return new ServerClient(endpoints, key.trim(), json);
    }

    @Bean(destroyMethod = "close")
    RevisionBus revisionBus(@Value("${cascade.redis-uri:}") String uri) {
        return uri.isBlank() ? new LocalRevisionBus() : new RedisRevisionBus(uri);
    }

    @Bean(destroyMethod = "close")
    RemoteGatewayState gatewayState(
            ServerClient server,
            RevisionBus bus,
            JsonMapper json,
            @Value("${cascade.store.refresh-interval:PT5S}") Duration interval) {
        return new RemoteGatewayState(server, bus, json, interval);
    }

    /**
     * Each distinct subscription text parsed and validated once (hosts of one client library send
     * the same text with their own variables), within the servers' query limits.
     */
    @Bean
    GraphQlSourceBuilderCustomizer documentCache(
            @Value("${cascade.graphql.document-cache-size:2000}") int size,
            @Value("${cascade.limits.query-depth:15}") int depth,
            @Value("${cascade.limits.query-fields:500}") int fields,
            @Value("${cascade.limits.query-fragments:100}") int fragments) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(
                new DocumentCache(size, depth, fields, fragments, ErrorType.ValidationError)));
    }

    @Bean
    KeyVerifier keyVerifier(ServerClient server, @Value("${cascade.gateway.key-cache:PT5S}") Duration ttl) {
        return new RemoteKeyVerifier(server, ttl);
    }

    @Bean
    HostPresence hostPresence(ServerClient server) {
        return new RemotePresence(server);
    }

    /** Only WebSocket upgrades are served: the gateway has no HTTP API of its own. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> subscriptionsOnly() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                            chain.doFilter(request, response);
                            return;
                        }
                        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                        response.setContentType("application/json");
                        response.getWriter()
                                .write("{\"errors\":[{\"message\":\"this gateway serves GraphQL subscriptions over "
                                        + "WebSocket only; send queries and mutations to a server\","
                                        + "\"extensions\":{\"code\":\"NOT_FOUND\"}}]}");
                    }
                });
        registration.addUrlPatterns("/graphql");
        return registration;
    }

    /** Registered as a member of this configuration. {@code GET /actuator/health}: {@code {"status":"UP"}} once the gateway is ready; no key needed. */
    @RestController
    static final class Health {
        @GetMapping(path = "/actuator/health", produces = "application/json")
        Map<String, String> health() {
            return Map.of("status", "UP");
        }
    }
}
