package io.cascade.server.error;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.InvalidSyntaxError;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import java.util.Map;

/**
 * The code of any GraphQL error: its own {@code extensions.code}, or, for errors graphql-java raises
 * before our code runs, the code Apollo Server made conventional for it.
 */
public final class GraphQlErrorCodes {

    private GraphQlErrorCodes() {}

    public static ApiErrorCode codeOf(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.get("code") instanceof String code) {
            try {
                return ApiErrorCode.valueOf(code);
            } catch (IllegalArgumentException e) {
                return ApiErrorCode.INTERNAL_SERVER_ERROR;
            }
        }
        if (error instanceof InvalidSyntaxError || error.getErrorType() == ErrorType.InvalidSyntax) {
            return ApiErrorCode.GRAPHQL_PARSE_FAILED;
        }
        if (error instanceof CoercingParseValueException
                || error instanceof CoercingParseLiteralException
                || error.getClass().getSimpleName().contains("Coerc")
                || error.getMessage() != null && error.getMessage().startsWith("Variable '")) {
            return ApiErrorCode.BAD_USER_INPUT;
        }
        if (error.getErrorType() == ErrorType.ExecutionAborted) {
            return ApiErrorCode.LIMIT_EXCEEDED;
        }
        if (error.getErrorType() == ErrorType.ValidationError) {
            return ApiErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        return ApiErrorCode.INTERNAL_SERVER_ERROR;
    }
}
