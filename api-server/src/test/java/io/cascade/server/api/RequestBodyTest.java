package io.cascade.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class RequestBodyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static void check(String body) {
        check(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void check(byte[] body) {
        RequestBody.check(body, JSON, 32);
    }

    private static CascadeException refusal(String body) {
        return refusal(body.getBytes(StandardCharsets.UTF_8));
    }

    private static CascadeException refusal(byte[] body) {
        CascadeException refused = catchThrowableOfType(CascadeException.class, () -> check(body));
        assertThat(refused)
                .as("refusal of %s", new String(body, StandardCharsets.UTF_8))
                .isNotNull();
        return refused;
    }

    /** A request whose variables are {@code variablesJson}. */
    private static String withVariables(String variablesJson) {
        return "{\"query\": \"query($c: JSON) { whoami { keyId } }\", \"variables\": " + variablesJson + "}";
    }

    @Test
    void aPlainRequestPasses() {
        assertThatCode(() -> check(withVariables("{\"c\": {\"a\": [1, 2.5, \"x\", null, true]}}")))
                .doesNotThrowAnyException();
    }

    @Nested
    class Unicode {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"c\": {\"v\": \"\\ud800\"}}",
                    "{\"c\": {\"v\": \"\\udc00\"}}",
                    "{\"c\": {\"v\": \"ok \\ud83d\"}}",
                    "{\"c\": {\"v\": \"\\ude00\\ud83d\"}}",
                    "{\"c\": [\"fine\", [\"\\udbff\"]]}"
                })
        void aLoneSurrogateInAnyStringOrNameIsBadUserInput(String variables) {
            CascadeException refused = refusal(withVariables(variables));

            assertThat(refused.code()).isEqualTo(ApiErrorCode.BAD_USER_INPUT);
            assertThat(refused.getMessage()).contains("not valid Unicode").contains("lone surrogate");
        }

        @Test
        void theMessageSaysWhereAndNeverEchoesTheSurrogate() {
            CascadeException refused = refusal(withVariables("{\"c\": {\"list\": [\"a\", \"b\\ud800\"]}}"));

            assertThat(refused.getMessage())
                    .isEqualTo(
                            "text at /variables/c/list/1 is not valid Unicode: a lone surrogate \\ud800 at character 1");
            assertThat(RequestBody.loneSurrogate(refused.getMessage())).isEqualTo(-1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"c\": {\"\\ud800key\": 1}}", "{\"\\udc00\": 1}", "{\"c\": {\"ok\\ud83d\": 1}}"})
        void aLoneSurrogateInAMemberNameIsABodyJacksonRefuses(String variables) {
            CascadeException refused = refusal(withVariables(variables));

            assertThat(refused.code()).isEqualTo(ApiErrorCode.BAD_REQUEST);
            assertThat(refused.getMessage()).startsWith("body is not JSON: ").contains("surrogate");
        }

        @Test
        void aSurrogateEncodedAsThreeUtf8BytesIsNotUtf8() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(withVariables("{\"c\": {\"v\": \"").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
            body.writeBytes("\"}}}".getBytes(StandardCharsets.UTF_8));

            assertThat(refusal(body.toByteArray()).code()).isEqualTo(ApiErrorCode.BAD_REQUEST);
        }

        @Test
        void theQueryTextItselfIsChecked() {
            assertThat(refusal("{\"query\": \"{ whoami { keyId } } # \\ud800\"}")
                            .code())
                    .isEqualTo(ApiErrorCode.BAD_USER_INPUT);
            assertThat(refusal("{\"query\": \"{ whoami { keyId } }\", \"operationName\": \"\\udfff\"}")
                            .code())
                    .isEqualTo(ApiErrorCode.BAD_USER_INPUT);
        }

        @Test
        void pairedSurrogatesAndOtherValidTextPass() {
            assertThatCode(() -> check(withVariables("{\"c\": {\"\\ud83d\\ude00\": \"\\ud83d\\ude00 \\uffff \\u0000 "
                            + "\uD834\uDD1E \\ufeff\"}}")))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class DuplicateMembers {

        @Test
        void aRequestMemberGivenTwiceIsBadRequest() {
            CascadeException refused = refusal(
                    "{\"query\": \"{ whoami { keyId } }\", \"query\": \"mutation { createNamespace(name: \\\"x\\\") { name } }\"}");

            assertThat(refused.code()).isEqualTo(ApiErrorCode.BAD_REQUEST);
            assertThat(refused.getMessage())
                    .isEqualTo("member 'query' appears twice in the request; name each member once");
        }

        @Test
        void aMemberTwiceInsideTheVariablesIsBadUserInputSayingWhere() {
            CascadeException refused = refusal(withVariables("{\"c\": {\"a\": {\"b\": 1, \"b\": 2}}}"));

            assertThat(refused.code()).isEqualTo(ApiErrorCode.BAD_USER_INPUT);
            assertThat(refused.getMessage())
                    .isEqualTo("member 'b' appears twice at /variables/c/a/b; name each member once");
        }

        @Test
        void variablesTwiceIsBadRequest() {
            assertThat(refusal("{\"query\": \"{ whoami { keyId } }\", \"variables\": {}, \"variables\": {\"a\": 1}}")
                            .code())
                    .isEqualTo(ApiErrorCode.BAD_REQUEST);
        }

        @Test
        void theSameNameInSiblingOrNestedObjectsIsFine() {
            assertThatCode(() -> check(withVariables(
                            "{\"c\": [{\"a\": 1}, {\"a\": 2}], \"d\": {\"a\": {\"a\": {\"a\": 3}}}, \"a\": 4}")))
                    .doesNotThrowAnyException();
        }

        @Test
        void namesDifferingOnlyInCaseOrEscapingAreDistinctOrTheSame() {
            assertThatCode(() -> check(withVariables("{\"c\": {\"a\": 1, \"A\": 2}}")))
                    .doesNotThrowAnyException();
            assertThat(refusal(withVariables("{\"c\": {\"a\": 1, \"\\u0061\": 2}}"))
                            .code())
                    .isEqualTo(ApiErrorCode.BAD_USER_INPUT);
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest
        @ValueSource(strings = {"1e-400", "0.1000000000000000000000000001", "1e400", "-1E+400"})
        void aNumberThatWouldChangeIsBadUserInput(String number) {
            CascadeException refused = refusal(withVariables("{\"c\": {\"list\": [1, " + number + "]}}"));

            assertThat(refused.code()).isEqualTo(ApiErrorCode.BAD_USER_INPUT);
            assertThat(refused.getMessage())
                    .startsWith("number " + number + " at /variables/c/list/1 cannot be kept exactly: it ");
        }

        @Test
        void integersOfAnySizeAndNumbersKeptExactlyPass() {
            assertThatCode(() -> check(withVariables(
                            "{\"c\": [12345678901234567890123456789, -0, 1E2, 0.1, -0.0, 4.9E-324, 1.5e300]}")))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class Shape {

        @Test
        void aBodyThatIsNotJsonIsBadRequest() {
            assertThat(refusal("{\"query\": ").code()).isEqualTo(ApiErrorCode.BAD_REQUEST);
        }

        @Test
        void aBodyThatIsNotAGraphQlRequestIsBadRequest() {
            assertThat(refusal("{\"variables\": {}}").code()).isEqualTo(ApiErrorCode.BAD_REQUEST);
            assertThat(refusal(withVariables("[]")).code()).isEqualTo(ApiErrorCode.BAD_REQUEST);
        }

        @Test
        void aSecondValueAfterTheRequestIsBadRequest() {
            CascadeException refused = refusal(
                    "{\"query\": \"{ whoami { keyId } }\"} {\"query\": \"mutation { createNamespace(name: \\\"x\\\") { name } }\"}");

            assertThat(refused.code()).isEqualTo(ApiErrorCode.BAD_REQUEST);
            assertThat(refused.getMessage()).isEqualTo("the body must be one JSON object, but more follows it");
        }

        @Test
        void nestingPastTheLimitIsLimitExceededNamingIt() {
            CascadeException refused = refusal(withVariables("{\"c\": " + "[".repeat(40) + "]".repeat(40) + "}"));

            assertThat(refused.code()).isEqualTo(ApiErrorCode.LIMIT_EXCEEDED);
            assertThat(refused.details()).containsEntry("limit", "jsonDepth").containsEntry("max", 32);
        }
    }
}
