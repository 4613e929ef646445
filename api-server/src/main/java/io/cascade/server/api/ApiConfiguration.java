package io.cascade.server.api;

import io.cascade.server.auth.AuthFilter;
import io.cascade.server.auth.AuthMetrics;
import io.cascade.server.auth.KeyService;
import io.cascade.server.namespace.Limits;
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
        return builder -> builder.configureGraphQl(
                graphQl -> graphQl.preparsedDocumentProvider(new DocumentCache(size, depth, fields, fragments)));
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
