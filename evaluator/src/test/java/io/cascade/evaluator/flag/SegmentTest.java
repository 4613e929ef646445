package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.PROD;
import static io.cascade.evaluator.flag.Fixtures.context;
import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.flagSet;
import static io.cascade.evaluator.flag.Fixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SegmentTest {

    private final FlagEvaluator evaluator = FlagEvaluator.create();

    private static Fixtures.FlagBuilder betaFlag() {
        return flag("new-checkout")
                .on()
                .rule("beta", "tenant in segment(\"beta-tenants\")", "on")
                .fallthrough("off");
    }

    private String servedTo(FlagSet set, EvaluationContext context) {
        return evaluator
                .evaluate(set, "new-checkout", PROD, context)
                .variation()
                .orElseThrow();
    }

    @Nested
    class Membership {

        private final FlagSet set = flagSet(
                List.of(betaFlag()),
                List.of(segment("beta-tenants")
                        .include("acme", "globex")
                        .exclude("initech")
                        .when("plan == \"enterprise\"")));

        @Test
        void includedKeyIsMemberWhateverTheCondition() {
            assertThat(servedTo(set, context("u", "tenant", "acme", "plan", "free")))
                    .isEqualTo("on");
        }

        @Test
        void keyMatchingTheConditionIsMember() {
            assertThat(servedTo(set, context("u", "tenant", "hooli", "plan", "enterprise")))
                    .isEqualTo("on");
        }

        @Test
        void excludedKeyIsNotMemberEvenWhenTheConditionHolds() {
            assertThat(servedTo(set, context("u", "tenant", "initech", "plan", "enterprise")))
                    .isEqualTo("off");
        }

        @Test
        void otherKeyFailingTheConditionIsNotMember() {
            assertThat(servedTo(set, context("u", "tenant", "hooli", "plan", "free")))
                    .isEqualTo("off");
        }

        @Test
        void missingAttributeIsNotMember() {
            assertThat(servedTo(set, context("u", "plan", "enterprise"))).isEqualTo("off");
        }
    }

    @Test
    void segmentWithoutConditionHasOnlyItsIncludedKeys() {
        FlagSet set =
                flagSet(List.of(betaFlag()), List.of(segment("beta-tenants").include("acme")));

        assertThat(servedTo(set, context("u", "tenant", "acme"))).isEqualTo("on");
        assertThat(servedTo(set, context("u", "tenant", "globex"))).isEqualTo("off");
    }

    @Test
    void targetingKeyCanBeTestedAgainstASegment() {
        FlagSet set = flagSet(
                List.of(flag("new-checkout").on().rule("beta", "targetingKey in segment(\"testers\")", "on")),
                List.of(segment("testers").include("user-7")));

        assertThat(servedTo(set, context("user-7"))).isEqualTo("on");
        assertThat(servedTo(set, context("user-8"))).isEqualTo("off");
    }

    @Test
    void segmentConditionCanUseAnotherSegment() {
        FlagSet set = flagSet(
                List.of(betaFlag()),
                List.of(
                        segment("beta-tenants").when("tenant in segment(\"vip\")"),
                        segment("vip").include("acme")));

        assertThat(servedTo(set, context("u", "tenant", "acme"))).isEqualTo("on");
        assertThat(servedTo(set, context("u", "tenant", "globex"))).isEqualTo("off");
    }

    @Test
    void hundredThousandKeySegmentAnswersEveryKey() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add("tenant-" + i);
        }
        FlagSet set =
                flagSet(List.of(betaFlag()), List.of(segment("beta-tenants").include(keys)));
        EvaluationContext member = context("u", "tenant", "tenant-99999").boundTo(set);

        assertThat(servedTo(set, member)).isEqualTo("on");
        assertThat(servedTo(set, context("u", "tenant", "tenant-100000"))).isEqualTo("off");
        assertThat(set.segment("beta-tenants").orElseThrow().included()).hasSize(100_000);
    }

    @Test
    void contextNotBoundToASetKnowsNoSegments() {
        assertThat(context("u", "tenant", "acme").inSegment("beta-tenants", "acme"))
                .isFalse();
    }
}
