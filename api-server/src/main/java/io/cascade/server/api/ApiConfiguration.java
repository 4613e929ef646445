package io.cascade.server.api;

import io.cascade.gateway.graphql.DocumentCache;
import io.cascade.server.auth.AuthFilter;
import io.cascade.server.auth.AuthMetrics;
import io.cascade.server.auth.KeyService;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.namespace.Limits;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Scalars, the parsed-query cache with its query bounds, and the request filters. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    GraphQlSourceBuilderCustomizer documentCache(
            @Value("${cascade.graphql.document-cache-size:2000}") int size,
            @Value("${cascade.limits.query-depth:15}") int depth,
            @Value("${cascade.limits.query-fields:500}") int fields,
            @Value("${cascade.limits.query-fragments:100}") int fragments) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(new DocumentCache(
                size, depth, fields, fragments, ErrorResolver.Classification.of(ApiErrorCode.LIMIT_EXCEEDED))));
    }

    /**
     * Queries run with {@link PrecompletedObjectsStrategy}, reporting data fetcher exceptions through
     * the same resolvers (ours: {@code ErrorResolver}) as Spring's default strategy.
     */
    @Bean
    GraphQlSourceBuilderCustomizer precompletedObjects(ObjectProvider<DataFetcherExceptionResolver> resolvers) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.queryExecutionStrategy(
                new PrecompletedObjectsStrategy(DataFetcherExceptionResolver.createExceptionHandler(
                        resolvers.orderedStream().toList()))));
    }

    /** First: no key, no further work. */
    @Bean
    FilterRegistrationBean<AuthFilter> authFilter(KeyService keys, JsonMapper json, AuthMetrics metrics) {
        FilterRegistrationBean<AuthFilter> registration =
                new FilterRegistrationBean<>(new AuthFilter(keys, json, metrics));
        registration.addUrlPatterns("/graphql", "/hooks/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestGuard> requestGuard(
            Limits limits, JsonMapper json, @Value("${cascade.http.body-timeout:10s}") Duration bodyTimeout) {
        FilterRegistrationBean<RequestGuard> registration =
                new FilterRegistrationBean<>(new RequestGuard(limits, json, bodyTimeout));
        registration.addUrlPatterns("/graphql");
        registration.setOrder(1);
        return registration;
    }

    /**
     * What the dashboard may load and run: only its own files, scripts from no other origin and no
     * inline script, connections to this server only (HTTP and its WebSocket), no framing.
     * Inline style attributes are allowed (progress bars are drawn with a width).
     */
    static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /** The dashboard's pages and files carry {@link #DASHBOARD_POLICY} and refuse sniffing, framing and referrers. */
    @Bean
    FilterRegistrationBean<Filter> dashboardHeaders() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Content-Security-Policy", DASHBOARD_POLICY);
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Referrer-Policy", "no-referrer");
            chain.doFilter(request, response);
        });
        registration.addUrlPatterns("/ui", "/ui/*");
        return registration;
    }

    /** {@code /explorer} and {@code /explorer/} serve the explorer page; {@code /ui} and {@code /ui/} the dashboard. */
    @Bean
    WebMvcConfigurer explorerPaths() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/explorer", "/explorer/");
                registry.addViewController("/explorer/").setViewName("forward:/explorer/index.html");
                registry.addRedirectViewController("/ui", "/ui/");
                registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
            }
        };
    }
}
