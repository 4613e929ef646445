package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.PROD;
import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.flagSet;
import static io.cascade.evaluator.flag.Fixtures.segment;
import static io.cascade.evaluator.flag.Fixtures.split;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.Bucketing;
import io.cascade.rules.RuleCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EnvironmentFlagsTest {

    private static final FlagSet FLAGS = flagSet(
            List.of(
                    flag("checkout").on().rule("pro", "plan == \"pro\"", "on").fallthrough("off"),
                    flag("theme")
                            .type("string", "light", "#fff", "dark", "#000")
                            .on(),
                    flag("rate-limit").type("number", "low", 50, "high", 1000).on(),
                    flag("pricing")
                            .type("json", "eu", Map.of("currency", "EUR"))
                            .on()),
            List.of());

    private static final EnvironmentFlags PROD_FLAGS = FLAGS.environment(PROD).orElseThrow();

    private static EvaluationContext user(String plan) {
        return EvaluationContext.builder()
                .targetingKey("user-1")
                .set("plan", plan)
                .build()
                .boundTo(FLAGS);
    }

    @Nested
    class NotFound {

        @Test
        void unknownEnvironmentIsReportedNotDefaulted() {
            assertThat(FLAGS.environment("prdo")).isEmpty();

            EvaluationResult<Boolean> result =
                    FlagEvaluator.create().evaluateBoolean(FLAGS, "checkout", "prdo", user("pro"), true);

            assertThat(result.isNotFound()).isTrue();
            assertThat(result.reason()).isEqualTo(Reason.ERROR);
            assertThat(result.errorCode()).contains(ErrorCode.FLAG_NOT_FOUND);
            assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("'prdo'"));
            assertThat(result.variation()).isEmpty();
        }

        @Test
        void unknownFlagKeyIsReportedNotDefaulted() {
            EvaluationResult<Boolean> result = PROD_FLAGS.evaluateBoolean("chekout", user("pro"), true);

            assertThat(result.isNotFound()).isTrue();
            assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("'chekout'"));
            assertThat(result.value()).isTrue();
        }

        @Test
        void knownEnvironmentsAreListed() {
            assertThat(FLAGS.environments()).containsExactly(PROD);
        }

        @Test
        void aFlagThatDoesNotDefineTheEnvironmentIsNotFoundThere() {
            FlagSet set = flagSet(
                    flag("a").on().fallthrough("on"),
                    flag("b").environment("staging").on());

            EvaluationResult<Boolean> result =
                    set.environment("staging").orElseThrow().evaluateBoolean("a", EvaluationContext.empty(), false);

            assertThat(result.isNotFound()).isTrue();
            assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("'staging'"));
        }
    }

    @Nested
    class TypedResults {

        @Test
        void booleanNeedsNoCast() {
            boolean on = PROD_FLAGS.booleanValue("checkout", user("pro"), false);
            EvaluationResult<Boolean> detail = PROD_FLAGS.evaluateBoolean("checkout", user("free"), true);

            assertThat(on).isTrue();
            assertThat(detail.value()).isFalse();
            assertThat(detail.reason()).isEqualTo(Reason.DEFAULT);
        }

        @Test
        void stringNumberAndJsonNeedNoCast() {
            String theme = PROD_FLAGS.stringValue("theme", user("pro"), "none");
            double limit = PROD_FLAGS.doubleValue("rate-limit", user("pro"), -1);
            Number exact =
                    PROD_FLAGS.evaluateNumber("rate-limit", user("pro"), 0).value();
            Object pricing = PROD_FLAGS.jsonValue("pricing", user("pro"), Map.of());

            assertThat(theme).isEqualTo("#fff");
            assertThat(limit).isEqualTo(50.0);
            assertThat(exact).isEqualTo(50);
            assertThat(pricing).isEqualTo(Map.of("currency", "EUR"));
        }

        @Test
        void askingForAnotherTypeGivesTheDefaultAndSaysSo() {
            EvaluationResult<String> result = PROD_FLAGS.evaluateString("checkout", user("pro"), "fallback");

            assertThat(result.value()).isEqualTo("fallback");
            assertThat(result.errorCode()).contains(ErrorCode.TYPE_MISMATCH);
            assertThat(PROD_FLAGS.doubleValue("theme", user("pro"), 7.5)).isEqualTo(7.5);
        }
    }

    @Nested
    class BoundAndUnboundContexts {

        private final FlagSet set = flagSet(
                List.of(flag("beta")
                        .on()
                        .target("off", "user-9")
                        .rule("members", "tenant in segment(\"beta\")", "on")
                        .rule("eu", "country in [\"DE\", \"FR\"] and appVersion >= 42", "on")
                        .rule("not-free", "plan != \"free\"", "on")
                        .fallthroughSplit(split("on", 25, "off", 75))),
                List.of(segment("beta").include("acme").exclude("initech").when("plan == \"enterprise\"")));

        @Test
        void aBoundContextAndTheSameContextUnboundAgree() {
            EnvironmentFlags prod = set.environment(PROD).orElseThrow();
            List<Map<String, Object>> contexts = List.of(
                    Map.of("targetingKey", "user-9", "tenant", "acme"),
                    Map.of("targetingKey", "u1", "tenant", "acme"),
                    Map.of("targetingKey", "u2", "tenant", "globex", "plan", "enterprise"),
                    Map.of("targetingKey", "u3", "tenant", "initech", "plan", "enterprise"),
                    Map.of("targetingKey", "u4", "country", "DE", "appVersion", 42, "plan", "free"),
                    Map.of("targetingKey", "u5", "country", "DE", "appVersion", 41.999, "plan", "free"),
                    Map.of("targetingKey", "u6", "country", "US", "plan", "pro"),
                    Map.of("targetingKey", "u7", "plan", 3),
                    Map.of("targetingKey", "u8", "plan", "free"));
            List<String> expectedRules = List.of("", "members", "members", "not-free", "eu", "", "not-free", "", "");

            for (int i = 0; i < contexts.size(); i++) {
                EvaluationContext unbound = EvaluationContext.of(contexts.get(i));
                EvaluationResult<Boolean> bound = prod.evaluateBoolean("beta", unbound.boundTo(set), false);
                EvaluationResult<Boolean> perCall = prod.evaluateBoolean("beta", unbound, false);

                assertThat(perCall).as("context %d", i).isEqualTo(bound);
                assertThat(bound.ruleId().orElse("")).as("context %d", i).isEqualTo(expectedRules.get(i));
            }
        }

        @Test
        void individualTargetsAreFoundThroughTheBoundKey() {
            EvaluationResult<Boolean> result = set.environment(PROD)
                    .orElseThrow()
                    .evaluateBoolean("beta", EvaluationContext.ofKey("user-9").boundTo(set), true);

            assertThat(result.reason()).isEqualTo(Reason.TARGETING_MATCH);
            assertThat(result.value()).isFalse();
        }

        @Test
        void splitsBucketTheKeyUnderTheFlagSalt() {
            EnvironmentFlags prod = set.environment(PROD).orElseThrow();
            for (int i = 0; i < 200; i++) {
                String key = "key-" + i;
                boolean expected = Bucketing.bucket("beta", key) < 25_000;

                assertThat(prod.booleanValue(
                                "beta", EvaluationContext.ofKey(key).boundTo(set), !expected))
                        .as(key)
                        .isEqualTo(expected);
            }
        }

        @Test
        void aRuleCompiledOutsideTheSetStillReadsABoundContext() {
            EvaluationContext bound = EvaluationContext.builder()
                    .targetingKey("u")
                    .set("country", "FR")
                    .set("appVersion", 50)
                    .build()
                    .boundTo(set);

            assertThat(RuleCompiler.create()
                            .compile("country == \"FR\" and appVersion > 49.5")
                            .rule()
                            .test(bound))
                    .isTrue();
        }
    }
}
