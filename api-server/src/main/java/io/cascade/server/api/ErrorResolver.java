package io.cascade.server.api;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.cascade.gateway.api.GatewayException;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import io.cascade.server.store.StoreHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * The one place an exception from a data fetcher becomes a GraphQL error: a {@link
 * CascadeException} keeps its code, details and violations; a store that cannot be reached is
 * {@code STORE_UNAVAILABLE}; anything else is logged with an incident id and answered with a
 * generic message, never its details.
 */
@Component
class ErrorResolver extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(ErrorResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof CascadeException cascade) {
            return error(env, cascade);
        }
        if (StoreHealth.isOutage(ex)) {
            log.debug("Store unreachable in {}: {}", env.getField().getName(), ex.toString());
            return error(env, StoreHealth.unavailable());
        }
        if (ex instanceof GatewayException) {
            return null; // the gateway's own resolver gives it its code
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure in {} (incident {})", env.getField().getName(), incident, ex);
        return GraphqlErrorBuilder.newError(env)
                .message("internal error (incident " + incident + ")")
                .errorType(Classification.of(ApiErrorCode.INTERNAL_SERVER_ERROR))
                .extensions(Map.of("code", ApiErrorCode.INTERNAL_SERVER_ERROR.name(), "incident", incident))
                .build();
    }

    static GraphQLError error(DataFetchingEnvironment env, CascadeException ex) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ex.code().name());
        extensions.putAll(ex.details());
        if (!ex.violations().isEmpty()) {
            extensions.put(
                    "violations", ex.violations().stream().map(Violation::toMap).toList());
        }
        return GraphqlErrorBuilder.newError(env)
                .message(ex.getMessage())
                .errorType(Classification.of(ex.code()))
                .extensions(extensions)
                .build();
    }

    /** Our codes as graphql-java error classifications. */
    record Classification(ApiErrorCode code) implements ErrorClassification {
        static Classification of(ApiErrorCode code) {
            return new Classification(code);
        }

        @Override
        public String toSpecification(GraphQLError error) {
            return code.name();
        }
    }
}
