package io.cascade.server.api;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.execution.AbortExecutionException;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import io.cascade.server.error.ApiErrorCode;
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
 * GRAPHQL_VALIDATION_FAILED}, {@code BAD_USER_INPUT}) and {@code LIMIT_EXCEEDED} for aborted
 * oversized queries.
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
            coded.add(hasCode(error) ? error : withCode(error, codeFor(error)));
        }
        return response.transform(builder -> builder.errors(coded));
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().get("code") != null;
    }

    static ApiErrorCode codeFor(GraphQLError error) {
        if (error instanceof InvalidSyntaxError || error.getErrorType() == ErrorType.InvalidSyntax) {
            return ApiErrorCode.GRAPHQL_PARSE_FAILED;
        }
        if (error instanceof CoercingParseValueException || error instanceof CoercingParseLiteralException
                || error.getClass().getSimpleName().contains("Coerc")
                || error.getMessage() != null && error.getMessage().startsWith("Variable '")) {
            return ApiErrorCode.BAD_USER_INPUT;
        }
        if (error instanceof AbortExecutionException) {
            return ApiErrorCode.LIMIT_EXCEEDED;
        }
        if (error.getErrorType() == ErrorType.ValidationError) {
            return ApiErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        return ApiErrorCode.INTERNAL_SERVER_ERROR;
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
