package io.cascade.gateway.api;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;

/** The one place a refused subscription becomes a GraphQL error with its code. */
public final class GatewayErrors extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (!(ex instanceof GatewayException refused)) {
            return null;
        }
        return GraphqlErrorBuilder.newError(env)
                .message(refused.getMessage())
                .errorType(new Code(refused.code()))
                .extensions(Map.of("code", refused.code()))
                .build();
    }

    private record Code(String code) implements ErrorClassification {
        @Override
        public String toSpecification(GraphQLError error) {
            return code;
        }
    }
}
