package io.cascade.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static Diagnostic onlyDiagnostic(RuleCompiler compiler, String source) {
        CompileResult result = compiler.compile(source);
        assertThat(result.ok()).isFalse();
        assertThat(result.diagnostics()).hasSize(1);
        return result.diagnostics().get(0);
    }

    private static String list(int items) {
        return IntStream.range(0, items).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void defaultsMatchTheProductLimits() {
        assertThat(Limits.defaults()).isEqualTo(new Limits(4096, 32, 1000, 500));
    }

    @Test
    void refuseNonPositiveValues() {
        assertThatThrownBy(() -> Limits.defaults().withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class SourceSize {

        @Test
        void acceptsExactlyTheLimit() {
            String source = "a == \"" + "x".repeat(4096 - 7) + "\"";
            assertThat(source).hasSize(4096);
            assertThat(RuleCompiler.create().compile(source).ok()).isTrue();
        }

        @Test
        void refusesOneByteMoreBeforeParsing() {
            String source = "a == \"" + "x".repeat(4096 - 6) + "\"";
            Diagnostic d = onlyDiagnostic(RuleCompiler.create(), source);
            assertThat(d.code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
            assertThat(d.message())
                    .isEqualTo("rule source is 4097 bytes, more than the limit of 4096 (maxSourceBytes)");
        }

        @Test
        void countsUtf8Bytes() {
            String source = "a == \"" + "é".repeat(2100) + "\"";
            assertThat(onlyDiagnostic(RuleCompiler.create(), source).code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
        }

        @Test
        void isConfigurable() {
            RuleCompiler compiler = RuleCompiler.builder()
                    .limits(Limits.defaults().withMaxSourceBytes(8))
                    .build();
            assertThat(compiler.compile("a == 1").ok()).isTrue();
            assertThat(onlyDiagnostic(compiler, "a == 1234").code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
        }
    }

    @Nested
    class Depth {

        @Test
        void acceptsThirtyTwoLevels() {
            String source = "(".repeat(32) + "a" + ")".repeat(32);
            assertThat(RuleCompiler.create().compile(source).ok()).isTrue();
        }

        @Test
        void refusesThirtyThreeLevelsWhereTheyStart() {
            String source = "(".repeat(33) + "a" + ")".repeat(33);
            Diagnostic d = onlyDiagnostic(RuleCompiler.create(), source);
            assertThat(d.code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
            assertThat(d.message()).isEqualTo("rule nests deeper than the limit of 32 (maxDepth)");
            assertThat(d.span().position()).isEqualTo("1:33");
        }

        @Test
        void countsNotAndCalls() {
            assertThat(onlyDiagnostic(RuleCompiler.create(), "not ".repeat(33) + "a")
                            .code())
                    .isEqualTo(Diagnostic.LIMIT_EXCEEDED);
            assertThat(RuleCompiler.create().compile("not ".repeat(32) + "a").ok())
                    .isTrue();
        }

        @Test
        void stopsAHugeNestingWithoutExhaustingTheStack() {
            RuleCompiler compiler = RuleCompiler.builder()
                    .limits(Limits.defaults().withMaxSourceBytes(1 << 20).withMaxDepth(1_000_000))
                    .build();
            RuleCompiler bounded = RuleCompiler.builder()
                    .limits(Limits.defaults().withMaxSourceBytes(1 << 20))
                    .build();
            String source = "(".repeat(100_000) + "a" + ")".repeat(100_000);
            assertThat(onlyDiagnostic(bounded, source).code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
            assertThat(compiler.limits().maxDepth()).isEqualTo(1_000_000);
        }

        @Test
        void isConfigurable() {
            RuleCompiler compiler = RuleCompiler.builder()
                    .limits(Limits.defaults().withMaxDepth(2))
                    .build();
            assertThat(compiler.compile("((a))").ok()).isTrue();
            assertThat(onlyDiagnostic(compiler, "(((a)))").code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
        }
    }

    @Nested
    class ListItems {

        @Test
        void acceptsOneThousandItems() {
            assertThat(RuleCompiler.create().compile("a in " + list(1000)).ok()).isTrue();
        }

        @Test
        void refusesOneThousandAndOneAtTheFirstItemTooMany() {
            Diagnostic d = onlyDiagnostic(RuleCompiler.create(), "a in " + list(1001));
            assertThat(d.code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
            assertThat(d.message()).isEqualTo("list has 1001 items, more than the limit of 1000 (maxListItems)");
            assertThat(d.span().column())
                    .isEqualTo(1 + "a in ".length() + list(1000).length());
        }

        @Test
        void isConfigurable() {
            RuleCompiler compiler = RuleCompiler.builder()
                    .limits(Limits.defaults().withMaxListItems(2))
                    .build();
            assertThat(compiler.compile("a in [1, 2]").ok()).isTrue();
            assertThat(onlyDiagnostic(compiler, "a in [1, 2, 3]").code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
        }

        @Test
        void areReportedAlongsideTypeErrors() {
            RuleCompiler compiler = RuleCompiler.builder()
                    .limits(Limits.defaults().withMaxListItems(1))
                    .build();
            CompileResult result = compiler.compile("a in [1, 2] and 3");
            assertThat(result.diagnostics())
                    .extracting(Diagnostic::code)
                    .containsExactly(Diagnostic.LIMIT_EXCEEDED, Diagnostic.TYPE_ERROR);
        }
    }

    @Nested
    class RegexProgramSize {

        @Test
        void refusesTheProbeFromTheIssueAtItsPatternWithoutCompilingIt() {
            String source = "name matches \"(\\\\w{1000}){1000}\"";

            Diagnostic d = onlyDiagnostic(RuleCompiler.create(), source);

            assertThat(d.code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
            assertThat(d.message())
                    .startsWith("regular expression compiles to about 100")
                    .endsWith(" instructions, more than the limit of 500 (maxRegexProgramSize)");
            assertThat(d.span().position()).isEqualTo("1:14");
        }

        @Test
        void refusesPatternsNestedPastAnyCount() {
            String source = "name matches \"" + "(".repeat(6) + "a{1000}" + "){1000}".repeat(6) + "\"";

            assertThat(onlyDiagnostic(RuleCompiler.create(), source).code()).isEqualTo(Diagnostic.LIMIT_EXCEEDED);
        }

        @Test
        void acceptsEverydayPatterns() {
            for (String pattern : new String[] {
                "^[a-z0-9._%+-]+@[a-z0-9.-]+\\\\.[a-z]{2,}$",
                "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\\\.)+[a-z]{2,63}$",
                "[a-z]{1,100}",
                "^(eu|us)-"
            }) {
                assertThat(RuleCompiler.create()
                                .compile("name matches \"" + pattern + "\"")
                                .ok())
                        .as(pattern)
                        .isTrue();
            }
        }

        @Test
        void isConfigurable() {
            RuleCompiler compiler = RuleCompiler.builder()
                    .limits(Limits.defaults().withMaxRegexProgramSize(20))
                    .build();
            assertThat(compiler.compile("name matches \"^(eu|us)-\"").ok()).isTrue();
            assertThat(onlyDiagnostic(compiler, "name matches \"[a-z]{1,10}\"").code())
                    .isEqualTo(Diagnostic.LIMIT_EXCEEDED);
        }
    }
}
