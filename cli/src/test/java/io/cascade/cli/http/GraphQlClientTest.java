package io.cascade.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.error.Violation;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GraphQlClientTest {

    @Nested
    class Answers {

        @Test
        void successReturnsData() {
            assertThat(GraphQlClient.answer(200, "{\"data\":{\"namespace\":{\"revision\":3}}}")
                            .at("/namespace/revision")
                            .asInt())
                    .isEqualTo(3);
        }

        @Test
        void anErrorTakesItsExitStatusFromItsCode() {
            assertThatThrownBy(() -> GraphQlClient.answer(
                            200,
                            "{\"errors\":[{\"message\":\"expected revision 4, namespace is at 5\",\"extensions\":{\"code\":\"CONFLICT\"}}],"
                                    + "\"data\":null}"))
                    .isInstanceOfSatisfying(CliException.class, e -> {
                        assertThat(e.status()).isEqualTo(ExitStatus.CONFLICT);
                        assertThat(e.code()).isEqualTo("CONFLICT");
                        assertThat(e.getMessage()).isEqualTo("expected revision 4, namespace is at 5");
                    });
        }

        @Test
        void violationsComeWithTheError() {
            String body =
                    "{\"errors\":[{\"message\":\"illegal override\",\"extensions\":{\"code\":\"ILLEGAL_OVERRIDE\","
                            + "\"violations\":[{\"scope\":{\"tenant\":\"acme\"},\"layer\":{\"environment\":\"*\",\"site\":\"*\","
                            + "\"tenant\":\"acme\"},\"path\":\"/pool/size\",\"message\":\"overridable only at [environment]\","
                            + "\"rule\":\"overridable at [environment]\"}]}}]}";
            assertThatThrownBy(() -> GraphQlClient.answer(200, body)).isInstanceOfSatisfying(CliException.class, e -> {
                assertThat(e.status()).isEqualTo(ExitStatus.INVALID);
                Violation violation = e.violations().get(0);
                assertThat(violation.scope()).isEqualTo(Map.of("tenant", "acme"));
                assertThat(violation.layer()).containsEntry("tenant", "acme");
                assertThat(violation.path()).isEqualTo("/pool/size");
                assertThat(violation.rule()).isEqualTo("overridable at [environment]");
            });
        }

        @Test
        void anErrorWithoutCodeIsAServerError() {
            assertThatThrownBy(() -> GraphQlClient.answer(200, "{\"errors\":[{\"message\":\"boom\"}]}"))
                    .isInstanceOfSatisfying(
                            CliException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.SERVER_ERROR));
        }

        @Test
        void http401IsAnAuthError() {
            assertThatThrownBy(() -> GraphQlClient.answer(401, "")).isInstanceOfSatisfying(CliException.class, e -> {
                assertThat(e.status()).isEqualTo(ExitStatus.AUTH);
                assertThat(e.code()).isEqualTo("UNAUTHENTICATED");
            });
        }

        @Test
        void http403IsAnAuthError() {
            assertThatThrownBy(() -> GraphQlClient.answer(403, "forbidden"))
                    .isInstanceOfSatisfying(
                            CliException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.AUTH));
        }

        @Test
        void aCodedErrorBodyWinsOverTheHttpStatus() {
            assertThatThrownBy(
                            () -> GraphQlClient.answer(
                                    401,
                                    "{\"errors\":[{\"message\":\"unknown key\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}"))
                    .hasMessage("unknown key");
        }

        @Test
        void aNonJsonAnswerIsAServerError() {
            assertThatThrownBy(() -> GraphQlClient.answer(502, "<html>Bad gateway</html>"))
                    .isInstanceOfSatisfying(CliException.class, e -> {
                        assertThat(e.status()).isEqualTo(ExitStatus.SERVER_ERROR);
                        assertThat(e.getMessage()).contains("HTTP 502");
                    });
        }
    }

    @Nested
    class Endpoints {

        @Test
        void theGraphqlPathIsAppended() {
            assertThat(new Connection("http://localhost:8080/", "k").graphqlUri())
                    .hasToString("http://localhost:8080/graphql");
        }

        @Test
        void aGraphqlUrlIsKept() {
            assertThat(new Connection("https://cascade.example/graphql", "k").graphqlUri())
                    .hasToString("https://cascade.example/graphql");
        }

        @Test
        void aUrlWithoutSchemeIsAUsageError() {
            assertThatThrownBy(() -> new Connection("localhost:8080", "k").graphqlUri())
                    .isInstanceOfSatisfying(
                            CliException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.USAGE));
        }

        @Test
        void theKeyIsNeverPrinted() {
            assertThat(new Connection("http://x", "secret-key")).asString().doesNotContain("secret-key");
        }
    }
}
