package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.PROD;
import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.flagSet;
import static io.cascade.evaluator.flag.Fixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The laid-out rule chain (conditions in arrays, cheap ones first, rules indexed by a required
 * attribute value) picks the same first rule as testing every rule through its compiled tree. The
 * reference flag writes each rule as {@code (rule) or never == "set"}: the same condition, in a
 * shape the chain does not lay out.
 */
class RuleChainTest {

    private static final String[] COUNTRIES = {"US", "CA", "DE", "FR", "X1", "X2"};
    private static final String[] PLANS = {"free", "pro", "enterprise"};

    private static final List<String> RULES = List.of(
            "country == \"X1\" and appVersion >= 3",
            "country in [\"US\", \"CA\"] and plan == \"enterprise\" and appVersion >= 42",
            "country == \"X2\" and tenant in segment(\"beta\")",
            "country != \"DE\" and plan == \"pro\" and appVersion < 35",
            "appVersion == 50 and country not in [\"US\"]",
            "country in [\"FR\", \"X1\"] and appVersion > 55",
            "tenant not in segment(\"beta\") and plan == \"free\" and country == \"DE\"",
            "country == \"US\" or plan == \"pro\"",
            "targetingKey in segment(\"listed\")",
            "country == \"CA\"");

    @Test
    void picksTheSameRuleAsTestingEachRuleInTurn() {
        Fixtures.FlagBuilder chained = flag("chained").on().fallthrough("off");
        Fixtures.FlagBuilder reference = flag("reference").on().fallthrough("off");
        List<Fixtures.FlagBuilder> flags = new ArrayList<>(List.of(chained, reference));
        for (int i = 0; i < RULES.size(); i++) {
            chained.rule("r" + i, RULES.get(i), "on");
            reference.rule("r" + i, "(" + RULES.get(i) + ") or never == \"set\"", "on");
            // each rule alone too: a one-rule flag reads its first condition from fields
            flags.add(flag("alone-" + i).on().fallthrough("off").rule("r" + i, RULES.get(i), "on"));
            flags.add(flag("alone-reference-" + i)
                    .on()
                    .fallthrough("off")
                    .rule("r" + i, "(" + RULES.get(i) + ") or never == \"set\"", "on"));
        }
        FlagSet set = flagSet(
                flags,
                List.of(
                        segment("beta")
                                .include("acme", "globex")
                                .exclude("initech")
                                .when("plan == \"enterprise\""),
                        segment("listed").include("user-3", "user-17", "user-40")));
        EnvironmentFlags prod = set.environment(PROD).orElseThrow();
        RuleChain chain = set.compiledFlag("chained").in(PROD);
        assertThat(chain.laidOut()).isEqualTo(RULES.size() - 1); // all but the "or"
        assertThat(chain.indexed()).isTrue();
        assertThat(set.compiledFlag("reference").in(PROD).laidOut()).isZero();

        List<String> matched = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            EvaluationContext context = randomContext(random, i).boundTo(set);
            EvaluationResult<Object> fast = prod.evaluate("chained", context);
            EvaluationResult<Object> slow = prod.evaluate("reference", context);
            assertThat(fast.reason()).as("context %s", context).isEqualTo(slow.reason());
            assertThat(fast.ruleId()).as("context %s", context).isEqualTo(slow.ruleId());
            matched.add(fast.ruleId().orElse("fallthrough"));
            for (int rule = 0; rule < RULES.size(); rule++) {
                assertThat(prod.evaluate("alone-" + rule, context))
                        .as("rule %d alone, context %s", rule, context)
                        .isEqualTo(prod.evaluate("alone-reference-" + rule, context));
            }
        }
        // every rule and the fallthrough are reached, so the comparison covers each
        assertThat(matched).contains("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "fallthrough");
    }

    private static EvaluationContext randomContext(SplittableRandom random, int i) {
        EvaluationContext.Builder builder = EvaluationContext.builder().targetingKey("user-" + random.nextInt(60));
        if (random.nextInt(10) > 0) {
            builder.set("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        } else if (random.nextBoolean()) {
            builder.set("country", 7); // not a string: every string condition is false
        }
        if (random.nextInt(10) > 0) {
            builder.set("plan", PLANS[random.nextInt(PLANS.length)]);
        }
        if (random.nextInt(10) > 0) {
            builder.set("appVersion", 30 + random.nextInt(31));
        } else if (random.nextBoolean()) {
            builder.set("appVersion", "50"); // not a number
        }
        String[] tenants = {"acme", "globex", "initech", "hooli"};
        if (random.nextInt(5) > 0) {
            builder.set("tenant", tenants[random.nextInt(tenants.length)]);
        }
        return builder.build();
    }
}
