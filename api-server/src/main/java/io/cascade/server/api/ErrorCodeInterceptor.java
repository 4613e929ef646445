package io.cascade.server.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.GraphQlErrorCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives every error that graphql-java raises before our code runs an {@code extensions.code}: the
 * ones Apollo Server made conventional ({@code GRAPHQL_PARSE_FAILED}, {@code
 * GRAPHQL_VALIDATION_FAILED}, {@code BAD_USER_INPUT}).
 */
@Component
class ErrorCodeInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(ErrorCodeInterceptor::withCodes);
    }

    private static WebGraphQlResponse withCodes(WebGraphQlResponse response) {
        List<GraphQLError> errors = response.getExecutionResult().getErrors();
        if (errors.isEmpty() || errors.stream().allMatch(ErrorCodeInterceptor::hasCode)) {
            return response;
        }
        List<GraphQLError> coded = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            coded.add(hasCode(error) ? error : withCode(error, GraphQlErrorCodes.codeOf(error)));
        }
        return response.transform(builder -> builder.errors(coded));
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().get("code") != null;
    }

    private static GraphQLError withCode(GraphQLError error, ApiErrorCode code) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put("code", code.name());
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(ErrorResolver.Classification.of(code))
                .extensions(extensions)
                .build();
    }
}
