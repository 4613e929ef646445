package io.cascade.rules.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The estimate against what RE2/J really builds. RE2/J does not publish a program's size, so this
 * test (and only this test) reads it from RE2/J's internals: if an upgrade renames them, the test
 * fails here rather than the estimate drifting unnoticed.
 */
class RegexProgramSizeTest {

    private static int compiledSize(String pattern) throws ReflectiveOperationException {
        Pattern compiled = Pattern.compile(pattern);
        Method re2 = Pattern.class.getDeclaredMethod("re2");
        re2.setAccessible(true);
        Object engine = re2.invoke(compiled);
        Field prog = engine.getClass().getDeclaredField("prog");
        prog.setAccessible(true);
        Object program = prog.get(engine);
        Method numInst = program.getClass().getDeclaredMethod("numInst");
        numInst.setAccessible(true);
        return (int) numInst.invoke(program);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "^eu-",
                "(eu|us|ap)-[a-z]+-\\d",
                "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$",
                "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$",
                "\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}",
                "(?i)^beta-(?P<n>\\d+)$",
                "(?:ab|cd){3,5}x*?",
                "[]a-c]{10}[^]x]{5}",
                "[[:alpha:]\\]]{20}",
                "\\Qa.b{1000}\\E+",
                "\\x{1F600}{50}\\pL{3}\\p{Greek}?",
                "a{,3}b{x}",
                "(a|b|c){50}x",
                "(\\w{10}){100}",
                "\\w{500}x",
                "((a{5}){5}){5}",
                "x{2,}y{0,}z{1000}",
                "\uD83D\uDE00{20}"
            })
    void neverUnderestimatesAndStaysClose(String pattern) throws ReflectiveOperationException {
        long estimate = RegexProgramSize.of(pattern);
        int actual = compiledSize(pattern);

        assertThat(estimate).as("estimate of %s (RE2/J: %s)", pattern, actual).isGreaterThanOrEqualTo(actual);
        assertThat(estimate).as("estimate of %s (RE2/J: %s)", pattern, actual).isLessThanOrEqualTo(3L * actual + 10);
    }

    @Test
    void theProbeFromTheIssueIsAboutAMillionInstructions() {
        assertThat(RegexProgramSize.of("(\\w{1000}){1000}")).isBetween(1_000_000L, 1_010_000L);
    }

    @Test
    void nestingPastWhatAnyCounterHoldsSaturates() {
        assertThat(RegexProgramSize.of("((((((a{1000}){1000}){1000}){1000}){1000}){1000}){1000}"))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void readsMalformedPatternsWithoutFailing() {
        for (String pattern :
                new String[] {"(", ")", "[", "\\", "a{", "a{1", "a{1,", "(?", "(?P<", "[[:", "\\Q", "\\x{"}) {
            assertThat(RegexProgramSize.of(pattern)).as(pattern).isPositive();
        }
    }
}
