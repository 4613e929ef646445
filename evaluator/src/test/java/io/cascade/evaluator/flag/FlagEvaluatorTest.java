package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.PROD;
import static io.cascade.evaluator.flag.Fixtures.context;
import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.flagSet;
import static io.cascade.evaluator.flag.Fixtures.split;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.Bucketing;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlagEvaluatorTest {

    private final FlagEvaluator evaluator = FlagEvaluator.create();

    private EvaluationResult<?> evaluate(FlagSet set, String key, EvaluationContext context) {
        return evaluator.evaluate(set, key, PROD, context);
    }

    @Nested
    class Disabled {

        @Test
        void offEnvironmentServesOffVariation() {
            FlagSet set = flagSet(flag("checkout")
                    .off()
                    .target("on", "user-1")
                    .rule("true", "on")
                    .fallthrough("on"));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-1"));

            assertThat(result.reason()).isEqualTo(Reason.DISABLED);
            assertThat(result.variation()).contains("off");
            assertThat(result.value()).isEqualTo(false);
            assertThat(result.ruleId()).isEmpty();
            assertThat(result.errorCode()).isEmpty();
        }

        @Test
        void offEnvironmentNeedsNoTargetingKey() {
            FlagSet set = flagSet(flag("checkout").off().fallthroughSplit(split("on", 50, "off", 50)));

            assertThat(evaluate(set, "checkout", EvaluationContext.empty()).reason())
                    .isEqualTo(Reason.DISABLED);
        }
    }

    @Nested
    class Targets {

        @Test
        void individualTargetGetsItsVariation() {
            FlagSet set = flagSet(
                    flag("checkout").on().target("on", "user-1", "user-2").fallthrough("off"));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-2"));

            assertThat(result.reason()).isEqualTo(Reason.TARGETING_MATCH);
            assertThat(result.variation()).contains("on");
            assertThat(result.value()).isEqualTo(true);
            assertThat(result.ruleId()).isEmpty();
        }

        @Test
        void targetsComeBeforeRules() {
            FlagSet set = flagSet(flag("checkout").on().target("off", "user-1").rule("always", "true", "on"));

            assertThat(evaluate(set, "checkout", context("user-1")).variation()).contains("off");
        }

        @Test
        void keyNotTargetedFallsThrough() {
            FlagSet set = flagSet(flag("checkout").on().target("on", "user-1").fallthrough("off"));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-9"));

            assertThat(result.reason()).isEqualTo(Reason.DEFAULT);
            assertThat(result.variation()).contains("off");
        }

        @Test
        void contextWithoutKeySkipsTargets() {
            FlagSet set = flagSet(flag("checkout").on().target("on", "user-1").fallthrough("off"));

            assertThat(evaluate(set, "checkout", EvaluationContext.empty()).reason())
                    .isEqualTo(Reason.DEFAULT);
        }
    }

    @Nested
    class Rules {

        @Test
        void ruleServingOneVariationIsTargetingMatchWithItsId() {
            FlagSet set = flagSet(
                    flag("checkout").on().rule("pro", "plan == \"pro\"", "on").fallthrough("off"));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-1", "plan", "pro"));

            assertThat(result.reason()).isEqualTo(Reason.TARGETING_MATCH);
            assertThat(result.ruleId()).contains("pro");
            assertThat(result.value()).isEqualTo(true);
        }

        @Test
        void firstMatchingRuleWins() {
            FlagSet set = flagSet(flag("checkout")
                    .on()
                    .rule("first", "country == \"US\"", "off")
                    .rule("second", "plan == \"pro\"", "on")
                    .fallthrough("on"));

            EvaluationResult<?> result = evaluate(set, "checkout", context("u", "country", "US", "plan", "pro"));

            assertThat(result.ruleId()).contains("first");
            assertThat(result.variation()).contains("off");
        }

        @Test
        void laterRuleMatchesWhenEarlierDoesNot() {
            FlagSet set = flagSet(flag("checkout")
                    .on()
                    .rule("first", "country == \"US\"", "off")
                    .rule("second", "plan == \"pro\"", "on"));

            assertThat(evaluate(set, "checkout", context("u", "country", "CA", "plan", "pro"))
                            .ruleId())
                    .contains("second");
        }

        @Test
        void missingAttributeMakesRuleFalseNotAnError() {
            FlagSet set = flagSet(
                    flag("checkout").on().rule("pro", "plan == \"pro\"", "on").fallthrough("off"));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-1"));

            assertThat(result.reason()).isEqualTo(Reason.DEFAULT);
        }

        @Test
        void rulesReadNestedAttributesByDottedPath() {
            FlagSet set = flagSet(flag("checkout").on().rule("gold", "user.tier == \"gold\"", "on"));
            EvaluationContext context =
                    EvaluationContext.of(Map.of("targetingKey", "u", "user", Map.of("tier", "gold")));

            assertThat(evaluate(set, "checkout", context).ruleId()).contains("gold");
        }

        @Test
        void eachEnvironmentHasItsOwnRules() {
            FlagSet set = flagSet(flag("checkout")
                    .on()
                    .rule("pro", "plan == \"pro\"", "on")
                    .environment("staging")
                    .on()
                    .fallthrough("on"));

            assertThat(evaluator
                            .evaluate(set, "checkout", "staging", context("u"))
                            .reason())
                    .isEqualTo(Reason.DEFAULT);
            assertThat(evaluator
                            .evaluate(set, "checkout", "staging", context("u"))
                            .variation())
                    .contains("on");
            assertThat(evaluate(set, "checkout", context("u")).variation()).contains("off");
        }
    }

    @Nested
    class Splits {

        @Test
        void ruleSplitGivesSplitReasonAndRuleId() {
            FlagSet set =
                    flagSet(flag("checkout").on().splitRule("us", "country == \"US\"", split("on", 50, "off", 50)));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-1", "country", "US"));

            assertThat(result.reason()).isEqualTo(Reason.SPLIT);
            assertThat(result.ruleId()).contains("us");
            assertThat(result.inExperiment()).isFalse();
        }

        @Test
        void fallthroughSplitGivesSplitReasonWithoutRuleId() {
            FlagSet set = flagSet(flag("checkout").on().fallthroughSplit(split("on", 50, "off", 50)));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-1"));

            assertThat(result.reason()).isEqualTo(Reason.SPLIT);
            assertThat(result.ruleId()).isEmpty();
        }

        @Test
        void bucketsAreAllottedInWrittenOrder() {
            FlagSet set = flagSet(flag("checkout").on().fallthroughSplit(split("on", 25, "off", 75)));

            for (int i = 0; i < 2_000; i++) {
                String key = "user-" + i;
                String expected = Bucketing.bucket("checkout", key) < 25_000 ? "on" : "off";
                assertThat(evaluate(set, "checkout", context(key)).variation())
                        .as(key)
                        .contains(expected);
            }
        }

        @Test
        void saltDefaultsToFlagKeyAndCanBeSet() {
            FlagSet set =
                    flagSet(flag("checkout").on().salt("shared-salt").fallthroughSplit(split("on", 50, "off", 50)));

            for (int i = 0; i < 500; i++) {
                String key = "user-" + i;
                String expected = Bucketing.bucket("shared-salt", key) < 50_000 ? "on" : "off";
                assertThat(evaluate(set, "checkout", context(key)).variation())
                        .as(key)
                        .contains(expected);
            }
        }

        @Test
        void weightsWithThreeDecimalsAreExactBucketCounts() {
            FlagSet set = flagSet(flag("checkout").on().fallthroughSplit(split("on", 0.001, "off", 99.999)));
            String inFirstBucket = keyWithBucket("checkout", 0);
            String inSecondBucket = keyWithBucket("checkout", 1);

            assertThat(evaluate(set, "checkout", context(inFirstBucket)).variation())
                    .contains("on");
            assertThat(evaluate(set, "checkout", context(inSecondBucket)).variation())
                    .contains("off");
        }

        @Test
        void zeroWeightEntryIsNeverServed() {
            FlagSet set = flagSet(flag("checkout").on().fallthroughSplit(split("on", 0, "off", 100)));

            for (int i = 0; i < 1_000; i++) {
                assertThat(evaluate(set, "checkout", context("user-" + i)).variation())
                        .contains("off");
            }
        }

        @Test
        void experimentSplitMarksResultsInExperiment() {
            FlagSet set = flagSet(flag("checkout").on().experimentRule("exp", "true", split("on", 50, "off", 50)));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-1"));

            assertThat(result.inExperiment()).isTrue();
            assertThat(result.reason()).isEqualTo(Reason.SPLIT);
        }

        private String keyWithBucket(String salt, int bucket) {
            for (int i = 0; ; i++) {
                if (Bucketing.bucket(salt, "k" + i) == bucket) {
                    return "k" + i;
                }
            }
        }
    }

    @Nested
    class Fallthrough {

        @Test
        void fallthroughServingOneVariationIsDefault() {
            FlagSet set = flagSet(
                    flag("checkout").on().rule("pro", "plan == \"pro\"", "off").fallthrough("on"));

            EvaluationResult<?> result = evaluate(set, "checkout", context("user-1", "plan", "free"));

            assertThat(result.reason()).isEqualTo(Reason.DEFAULT);
            assertThat(result.variation()).contains("on");
            assertThat(result.ruleId()).isEmpty();
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownFlagIsFlagNotFound() {
            EvaluationResult<?> result = evaluate(flagSet(flag("checkout").on()), "nope", context("u"));

            assertThat(result.reason()).isEqualTo(Reason.ERROR);
            assertThat(result.errorCode()).contains(ErrorCode.FLAG_NOT_FOUND);
            assertThat(result.value()).isNull();
            assertThat(result.variation()).isEmpty();
        }

        @Test
        void undefinedEnvironmentIsFlagNotFound() {
            EvaluationResult<?> result =
                    evaluator.evaluate(flagSet(flag("checkout").on()), "checkout", "staging", context("u"));

            assertThat(result.errorCode()).contains(ErrorCode.FLAG_NOT_FOUND);
            assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("staging"));
        }

        @Test
        void splitWithoutTargetingKeyIsTargetingKeyMissing() {
            FlagSet set = flagSet(flag("checkout").on().fallthroughSplit(split("on", 50, "off", 50)));

            EvaluationResult<?> result = evaluate(set, "checkout", context(null, "plan", "pro"));

            assertThat(result.errorCode()).contains(ErrorCode.TARGETING_KEY_MISSING);
            assertThat(result.reason()).isEqualTo(Reason.ERROR);
        }

        @Test
        void ruleServingOneVariationNeedsNoTargetingKey() {
            FlagSet set = flagSet(flag("checkout").on().rule("pro", "plan == \"pro\"", "on"));

            assertThat(evaluate(set, "checkout", context(null, "plan", "pro")).reason())
                    .isEqualTo(Reason.TARGETING_MATCH);
        }

        @Test
        void invalidContextIsInvalidContext() {
            FlagSet set = flagSet(flag("checkout").on());
            EvaluationContext context = EvaluationContext.of(Map.of("targetingKey", 42));

            EvaluationResult<?> result = evaluate(set, "checkout", context);

            assertThat(result.errorCode()).contains(ErrorCode.INVALID_CONTEXT);
        }

        /** The probe from the hardening issue: a costly pattern against a 60 000-character attribute took 36 s. */
        @Test
        void anAttributeLongerThanTheLimitIsAnErrorNotASlowMatch() {
            FlagSet set = flagSet(flag("checkout")
                    .on()
                    .rule("long", "name matches \"(\\\\w{10}){40}x\"", "on")
                    .fallthrough("off"));

            EvaluationResult result = evaluate(set, "checkout", context("u", "name", "a".repeat(60_000)));

            assertThat(result.reason()).isEqualTo(Reason.ERROR);
            assertThat(result.errorCode()).contains(ErrorCode.INVALID_CONTEXT);
            assertThat(result.message())
                    .contains("attribute 'name' holds a string of 60000 characters, more than the limit of 1024");
        }

        @Test
        void anAttributeOfExactlyTheLimitIsEvaluated() {
            FlagSet set = flagSet(flag("checkout")
                    .on()
                    .rule("long", "name endsWith \"b\"", "on")
                    .fallthrough("off"));

            EvaluationResult result = evaluate(set, "checkout", context("u", "name", "a".repeat(1023) + "b"));

            assertThat(result.reason()).isEqualTo(Reason.TARGETING_MATCH);
        }

        @Test
        void invalidDocumentIsParseError() {
            FlagSetResult compiled = Fixtures.compile(
                    List.of(
                            flag("checkout").on().fallthrough("maybe"),
                            flag("other").on()),
                    List.of());

            EvaluationResult<?> result = evaluate(compiled.flagSet(), "checkout", context("u"));

            assertThat(compiled.ok()).isFalse();
            assertThat(result.errorCode()).contains(ErrorCode.PARSE_ERROR);
            assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("maybe"));
            assertThat(evaluate(compiled.flagSet(), "other", context("u")).isError())
                    .isFalse();
        }

        @Test
        void surpriseIsGeneralNotAnException() {
            EvaluationResult<?> result = evaluator.evaluate(null, "checkout", PROD, context("u"));

            assertThat(result.errorCode()).contains(ErrorCode.GENERAL);
            assertThat(result.message()).isPresent();
        }

        @Test
        void nullArgumentsNeverThrow() {
            FlagSet set = flagSet(flag("checkout").on());

            assertThat(evaluator.evaluate(set, null, PROD, context("u")).errorCode())
                    .contains(ErrorCode.FLAG_NOT_FOUND);
            assertThat(evaluator.evaluate(set, "checkout", null, context("u")).errorCode())
                    .contains(ErrorCode.FLAG_NOT_FOUND);
            assertThat(evaluator.evaluate(set, "checkout", PROD, null).errorCode())
                    .contains(ErrorCode.GENERAL);
            assertThat(evaluator.evaluateAll(null, PROD, context("u"))).isEmpty();
            assertThat(evaluator
                            .evaluateBoolean(null, "checkout", PROD, null, true)
                            .value())
                    .isEqualTo(true);
        }
    }

    @Nested
    class TypedEvaluation {

        @Test
        void matchingTypeServesTheValue() {
            FlagSet set = flagSet(flag("checkout").on().fallthrough("on"));

            EvaluationResult<?> result = evaluator.evaluateBoolean(set, "checkout", PROD, context("u"), false);

            assertThat(result.value()).isEqualTo(true);
            assertThat(result.reason()).isEqualTo(Reason.DEFAULT);
        }

        @Test
        void otherTypeIsTypeMismatchWithDefault() {
            FlagSet set = flagSet(flag("theme")
                    .type("string", "dark", "dark", "light", "light")
                    .on());

            EvaluationResult<?> result = evaluator.evaluateBoolean(set, "theme", PROD, context("u"), true);

            assertThat(result.errorCode()).contains(ErrorCode.TYPE_MISMATCH);
            assertThat(result.value()).isEqualTo(true);
        }

        @Test
        void errorsCarryTheDefault() {
            EvaluationResult<?> result =
                    evaluator.evaluateString(FlagSet.empty(), "theme", PROD, context("u"), "light");

            assertThat(result.errorCode()).contains(ErrorCode.FLAG_NOT_FOUND);
            assertThat(result.value()).isEqualTo("light");
        }

        @Test
        void everyTypeEvaluates() {
            FlagSet set = flagSet(
                    flag("theme").type("string", "dark", "dark").on(),
                    flag("limit").type("number", "low", 10, "high", 1.5).on().fallthrough("high"),
                    flag("config").type("json", "a", Map.of("x", List.of(1, 2))).on());

            assertThat(evaluator
                            .evaluateString(set, "theme", PROD, context("u"), "x")
                            .value())
                    .isEqualTo("dark");
            assertThat(evaluator
                            .evaluateNumber(set, "limit", PROD, context("u"), 0)
                            .value())
                    .isEqualTo(1.5);
            assertThat(evaluator
                            .evaluateJson(set, "config", PROD, context("u"), null)
                            .value())
                    .isEqualTo(Map.of("x", List.of(1, 2)));
        }
    }

    @Nested
    class EvaluateAll {

        @Test
        void evaluatesFlagsOfTheEnvironmentInDocumentOrder() {
            FlagSet set = flagSet(
                    flag("b").on().fallthrough("on"),
                    flag("a").off(),
                    flag("c").environment("staging").on());

            Map<String, EvaluationResult<Object>> results = evaluator.evaluateAll(set, PROD, context("u"));

            assertThat(results.keySet()).containsExactly("b", "a", "c");
            assertThat(results.get("b").reason()).isEqualTo(Reason.DEFAULT);
            assertThat(results.get("a").reason()).isEqualTo(Reason.DISABLED);
        }

        @Test
        void leavesOutFlagsWithoutTheEnvironment() {
            FlagSet set =
                    flagSet(flag("a").on(), flag("b").environment("staging").on());

            assertThat(evaluator.evaluateAll(set, PROD, context("u")).keySet()).containsExactly("a", "b");
            assertThat(evaluator.evaluateAll(set, "staging", context("u")).keySet())
                    .containsExactly("b");
            assertThat(evaluator.evaluateAll(set, "dev", context("u"))).isEmpty();
        }

        @Test
        void leavesOutArchivedFlagsWhichStillEvaluateOneByOne() {
            FlagSet set = flagSet(
                    flag("old").archived().on().fallthrough("on"), flag("new").on());

            assertThat(evaluator.evaluateAll(set, PROD, context("u")).keySet()).containsExactly("new");
            assertThat(evaluate(set, "old", context("u")).variation()).contains("on");
        }

        @Test
        void includesBrokenFlagsAsParseErrors() {
            FlagSetResult compiled = Fixtures.compile(List.of(flag("bad").on().fallthrough("nope")), List.of());

            assertThat(evaluator
                            .evaluateAll(compiled.flagSet(), PROD, context("u"))
                            .get("bad")
                            .errorCode())
                    .contains(ErrorCode.PARSE_ERROR);
        }
    }

    @Nested
    class SharedResults {

        @Test
        void repeatedEvaluationsReturnTheSamePrecomputedResult() {
            FlagSet set = flagSet(flag("checkout").on().target("on", "u1").rule("r", "true", "off"));
            EvaluationContext bound = context("u1").boundTo(set);

            assertThat(evaluate(set, "checkout", bound)).isSameAs(evaluate(set, "checkout", bound));
            assertThat(bound.boundTo(set)).isSameAs(bound);
        }

        @Test
        void resultsHaveNoErrorUnlessTheReasonIsError() {
            FlagSet set = flagSet(flag("checkout").on());

            EvaluationResult<?> result = evaluate(set, "checkout", context("u"));

            assertThat(result.errorCode()).isEqualTo(Optional.empty());
            assertThat(result.message()).isEmpty();
        }
    }
}
