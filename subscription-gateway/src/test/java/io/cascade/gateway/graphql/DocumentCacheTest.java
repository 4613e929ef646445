package io.cascade.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The query limits are checked on the parsed document before graphql-java validates it, so a
 * document that breaks one never reaches validation, whose cost grows with every fragment spread.
 */
class DocumentCacheTest {

    private final DocumentCache cache = new DocumentCache(100, 15, 500, 100, ErrorType.ValidationError);
    private final AtomicInteger validations = new AtomicInteger();
    private final Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate = input -> {
        validations.incrementAndGet();
        return new PreparsedDocumentEntry(List.of());
    };

    private List<? extends GraphQLError> errorsOf(String query) {
        return cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), parseAndValidate)
                .join()
                .getErrors();
    }

    /** {@code count} fragments, each one aliased field and a spread of the next: the 58 KB probe at 1 000. */
    private static String chain(int count) {
        StringBuilder query = new StringBuilder("query { ...F0 }\n");
        for (int i = 0; i < count; i++) {
            query.append("fragment F")
                    .append(i)
                    .append(" on Query { a")
                    .append(i)
                    .append(": whoami { keyId }");
            if (i + 1 < count) {
                query.append(" ...F").append(i + 1);
            }
            query.append(" }\n");
        }
        return query.toString();
    }

    @Test
    void aThousandChainedFragmentsAreRefusedWithoutValidation() {
        String query = chain(1000);
        assertThat(query.length()).isBetween(50_000, 65_000);

        List<? extends GraphQLError> errors = errorsOf(query);

        assertThat(validations).hasValue(0);
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getExtensions())
                    .containsEntry("code", "LIMIT_EXCEEDED")
                    .containsEntry("limit", "queryFragments")
                    .containsEntry("max", 100);
            assertThat(error.getMessage()).isEqualTo("the query defines 1000 fragments, more than the limit of 100");
        });
    }

    @Test
    void aChainWithinTheFragmentLimitButPastTheFieldLimitIsRefusedWithoutValidation() {
        List<? extends GraphQLError> errors =
                errorsOf(chain(100).replace("whoami { keyId }", "whoami { keyId keyId keyId keyId keyId keyId }"));

        assertThat(validations).hasValue(0);
        assertThat(errors)
                .singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("limit", "queryFields"));
    }

    /** Each fragment spreads the next twice: expanded, 2^60 spreads, though no field is ever reached. */
    @Test
    void fragmentsThatDoubleAtEveryLevelAreRefusedWithoutValidation() {
        StringBuilder query = new StringBuilder("query { ...F0 }\n");
        for (int i = 0; i < 60; i++) {
            query.append("fragment F")
                    .append(i)
                    .append(" on Query { ...F")
                    .append(i + 1)
                    .append(" ...F")
                    .append(i + 1)
                    .append(" }\n");
        }
        query.append("fragment F60 on Query { ...F0 }\n");

        List<? extends GraphQLError> errors = errorsOf(query.toString());

        assertThat(validations).hasValue(0);
        assertThat(errors)
                .singleElement()
                .satisfies(error -> assertThat(error.getExtensions())
                        .containsEntry("code", "LIMIT_EXCEEDED")
                        .containsEntry("limit", "queryFields"));
    }

    @Test
    void aFragmentCycleWithinTheLimitsIsLeftToValidation() {
        assertThat(errorsOf("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"))
                .isEmpty();
        assertThat(validations).hasValue(1);
    }

    @Test
    void aQueryWithinTheLimitsIsValidatedOnceAndThenServedFromTheCache() {
        String query = chain(20);

        assertThat(errorsOf(query)).isEmpty();
        assertThat(errorsOf(query)).isEmpty();

        assertThat(validations).hasValue(1);
    }

    @Test
    void aQueryThatDoesNotParseIsLeftToGraphQlJava() {
        errorsOf("{ whoami { keyId }");

        assertThat(validations).hasValue(1);
    }
}
