package io.cascade.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class ExactNumbersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.1",
                "1E2",
                "1e2",
                "-0.5e-3",
                "123.4560",
                "0.30000000000000004",
                "1.7976931348623157E308",
                "4.9E-324",
                "-0.0",
                "2.5"
            })
    void numbersADoubleReadsBackAsTheSameValueAreKept(String text) {
        Double kept = ExactNumbers.keep(text);

        assertThat(kept).isNotNull();
        assertThat(new BigDecimal(Double.toString(kept))).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e-400",
                "0.1000000000000000000000000001",
                "1e400",
                "-1e400",
                "5e-324",
                "12345678901234567890.5",
                "0.12345678901234567890"
            })
    void numbersADoubleWouldChangeAreRefused(String text) {
        assertThat(ExactNumbers.keep(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-400", "0.1000000000000000000000000001", "1e400"})
    void theRefusalSaysWhatTheNumberWouldHaveBecome(String text) {
        assertThat(ExactNumbers.whyNot(new BigDecimal(text)))
                .isIn(
                        "it would read back as 0.0",
                        "it would read back as 0.1",
                        "it is beyond the range of a 64-bit double");
    }

    /**
     * The rule is only as good as its agreement with what the server writes: whenever a number is
     * kept, the JSON the server's mapper writes for it must read back as the same value.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e23",
                "2e23",
                "9.999999999999999E22",
                "0.1",
                "1E2",
                "4.9E-324",
                "5e-324",
                "1.0E-5",
                "123456789.125"
            })
    void keptExactlyWhenWhatTheServerWritesReadsBackAsTheSameNumber(String text) {
        BigDecimal sent = new BigDecimal(text);
        String written = JSON.writeValueAsString(List.of(Double.parseDouble(text)));
        BigDecimal readBack = new BigDecimal(written.substring(1, written.length() - 1));

        assertThat(ExactNumbers.keep(sent) != null)
                .as("%s is written as %s", text, written)
                .isEqualTo(readBack.compareTo(sent) == 0);
    }
}
