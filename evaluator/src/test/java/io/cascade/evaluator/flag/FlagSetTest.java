package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlagSetTest {

    @Nested
    class Problems {

        @Test
        void ruleThatDoesNotCompileIsReportedAtItsPathWithLineAndColumn() {
            FlagSetResult result = Fixtures.compile(List.of(flag("checkout").rule("r", "plan == ", "on")), List.of());

            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("/flags/0/environments/prod/rules/0/when");
                assertThat(p.code()).isEqualTo(ProblemCode.DSL_SYNTAX_ERROR);
                assertThat(p.message()).matches("\\d+:\\d+: .*");
            });
        }

        @Test
        void segmentConditionThatDoesNotCompileIsReportedAtItsPath() {
            FlagSetResult result =
                    Fixtures.compile(List.of(), List.of(segment("beta").when("plan ==")));

            assertThat(result.problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(tuple("/segments/0/when", ProblemCode.DSL_SYNTAX_ERROR));
        }

        @Test
        void ruleReferringToAnUnknownSegment() {
            FlagSetResult result = Fixtures.compile(
                    List.of(flag("checkout").rule("r", "tenant in segment(\"ghost\")", "on")), List.of());

            assertThat(result.problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(tuple("/flags/0/environments/prod/rules/0/when", ProblemCode.UNKNOWN_SEGMENT));
        }

        @Test
        void segmentsReferringToEachOtherInACycle() {
            FlagSetResult result = Fixtures.compile(
                    List.of(),
                    List.of(
                            segment("a").when("tenant in segment(\"b\")"),
                            segment("b").when("tenant in segment(\"a\")"),
                            segment("c").when("tenant in segment(\"c\")"),
                            segment("d").when("tenant in segment(\"a\")")));

            assertThat(result.problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(
                            tuple("/segments/0/when", ProblemCode.SEGMENT_CYCLE),
                            tuple("/segments/1/when", ProblemCode.SEGMENT_CYCLE),
                            tuple("/segments/2/when", ProblemCode.SEGMENT_CYCLE));
            assertThat(result.problems().get(0).message()).contains("a -> b -> a");
            assertThat(result.flagSet().segmentKeys()).isEmpty();
        }

        @Test
        void duplicateFlagKeyKeepsTheFirst() {
            FlagSetResult result = Fixtures.compile(
                    List.of(
                            flag("checkout").on().fallthrough("on"),
                            flag("checkout").on()),
                    List.of());

            assertThat(result.problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(tuple("/flags/1/key", ProblemCode.DUPLICATE_KEY));
            assertThat(FlagEvaluator.create()
                            .evaluate(result.flagSet(), "checkout", "prod", Fixtures.context("u"))
                            .variation())
                    .contains("on");
        }

        @Test
        void duplicateSegmentKey() {
            FlagSetResult result = Fixtures.compile(List.of(), List.of(segment("beta"), segment("beta")));

            assertThat(result.problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(tuple("/segments/1/key", ProblemCode.DUPLICATE_KEY));
        }

        @Test
        void problemsOfOneDocumentComeBackRelativeToIt() {
            FlagSetResult result = Fixtures.compile(
                    List.of(flag("ok"), flag("bad").set("extra", 1)),
                    List.of(segment("s").set("extra", 1)));

            assertThat(result.flagProblems(0)).isEmpty();
            assertThat(result.flagProblems(1))
                    .extracting(ValidationProblem::path)
                    .containsExactly("/extra");
            assertThat(result.segmentProblems(0))
                    .extracting(ValidationProblem::path)
                    .containsExactly("/extra");
        }
    }

    @Nested
    class LenientLoading {

        @Test
        void flagUsingAnInvalidSegmentIsParseErrorWhileOthersWork() {
            FlagSetResult result = Fixtures.compile(
                    List.of(
                            flag("uses-bad").on().rule("r", "tenant in segment(\"bad\")", "on"),
                            flag("fine").on()),
                    List.of(segment("bad").when("plan ==")));

            FlagEvaluator evaluator = FlagEvaluator.create();
            assertThat(result.flagProblems(0)).isEmpty();
            assertThat(evaluator
                            .evaluate(result.flagSet(), "uses-bad", "prod", Fixtures.context("u"))
                            .errorCode())
                    .contains(ErrorCode.PARSE_ERROR);
            assertThat(evaluator
                            .evaluate(result.flagSet(), "fine", "prod", Fixtures.context("u"))
                            .isError())
                    .isFalse();
        }

        @Test
        void documentWithoutAUsableKeyIsLeftOut() {
            FlagSetResult result = FlagSet.compile(List.of("not an object"), List.of());

            assertThat(result.problems()).extracting(ValidationProblem::path).containsExactly("/flags/0");
            assertThat(result.flagSet().flagKeys()).isEmpty();
        }
    }

    @Test
    void exposesTheValidModel() {
        FlagSet set = Fixtures.flagSet(
                List.of(flag("a"), flag("b")), List.of(segment("s").include("x")));

        assertThat(set.flags()).extracting(Flag::key).containsExactly("a", "b");
        assertThat(set.flag("a")).isPresent();
        assertThat(set.flag("zzz")).isEmpty();
        assertThat(set.segment("s").orElseThrow().included()).containsExactly("x");
    }
}
