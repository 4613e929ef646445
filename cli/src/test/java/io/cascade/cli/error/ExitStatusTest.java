package io.cascade.cli.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitStatusTest {

    @ParameterizedTest(name = "{0} exits {1}")
    @CsvSource({
        "VALIDATION_FAILED, 1",
        "ILLEGAL_OVERRIDE, 1",
        "DSL_SYNTAX_ERROR, 1",
        "DSL_TYPE_ERROR, 1",
        "BAD_USER_INPUT, 2",
        "LIMIT_EXCEEDED, 2",
        "CONFLICT, 3",
        "UNAUTHENTICATED, 4",
        "FORBIDDEN, 4",
        "NOT_FOUND, 6",
        "INTERNAL_SERVER_ERROR, 7",
        "GRAPHQL_VALIDATION_FAILED, 7",
        "SOMETHING_NEW, 7"
    })
    void apiCodesMapToExitCodes(String apiCode, int exitCode) {
        assertThat(ExitStatus.forApiCode(apiCode).code()).isEqualTo(exitCode);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "OK, 0",
        "INVALID, 1",
        "USAGE, 2",
        "CONFLICT, 3",
        "AUTH, 4",
        "UNREACHABLE, 5",
        "NOT_FOUND, 6",
        "SERVER_ERROR, 7"
    })
    void exitCodesAreTheDocumentedOnes(ExitStatus status, int code) {
        assertThat(status.code()).isEqualTo(code);
    }
}
