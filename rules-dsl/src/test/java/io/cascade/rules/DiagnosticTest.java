package io.cascade.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DiagnosticTest {

    @Nested
    class Render {

        @Test
        void printsPositionMessageSourceLineAndCaret() {
            Diagnostic d = Diagnostic.error(Diagnostic.TYPE_ERROR, new Span(1, 15, 14, 18), "expected number");
            assertThat(d.render("appVersion >= \"42\""))
                    .isEqualTo("1:15: expected number\n" + " | appVersion >= \"42\"\n" + " | ..............^");
        }

        @Test
        void picksTheLineTheSpanIsOn() {
            Diagnostic d = Diagnostic.error(Diagnostic.SYNTAX_ERROR, new Span(2, 3, 5, 6), "oops");
            assertThat(d.render("a or\r\n  ~b")).isEqualTo("2:3: oops\n |   ~b\n | ..^");
        }

        @Test
        void printsOnlyTheMessageWithoutAPosition() {
            assertThat(Diagnostic.error(Diagnostic.LIMIT_EXCEEDED, Span.NONE, "too big")
                            .render("x"))
                    .isEqualTo("too big");
        }
    }

    @Nested
    class Results {

        @Test
        void holdARuleOrDiagnosticsNeverBoth() {
            CompileResult ok = RuleCompiler.create().compile("a == 1");
            assertThat(ok.ok()).isTrue();
            assertThat(ok.diagnostics()).isEmpty();
            assertThat(ok.ruleIfOk()).isPresent();

            CompileResult failed = RuleCompiler.create().compile("a == ");
            assertThat(failed.ok()).isFalse();
            assertThat(failed.diagnostics()).isNotEmpty();
            assertThat(failed.ruleIfOk()).isEmpty();
            assertThatThrownBy(failed::rule).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void renderEveryDiagnosticInSourceOrder() {
            CompileResult result = RuleCompiler.create().compile("1 and\n\"x\"");
            assertThat(result.render())
                    .isEqualTo("1:1: expected a condition (boolean) but found number 1\n | 1 and\n | ^\n"
                            + "2:1: expected a condition (boolean) but found string \"x\"\n | \"x\"\n | ^");
        }

        @Test
        void neverThrowForBadSource() {
            for (String source : new String[] {"", " ", "((((", "\"", "@", "a ==== b", "\u0000", "not", "[1,2"}) {
                CompileResult result = RuleCompiler.create().compile(source);
                assertThat(result.ok()).as(source).isFalse();
                assertThat(result.render()).isNotEmpty();
            }
        }
    }
}
