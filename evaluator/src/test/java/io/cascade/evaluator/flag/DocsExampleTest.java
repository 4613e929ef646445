package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snippets in docs/flags.md ("Using it from Java"), kept compiling and true. */
class DocsExampleTest {

    private final List<Map<String, Object>> flagDocuments = List.of(flag("new-checkout")
            .on()
            .rule("beta", "tenant in segment(\"beta-tenants\")", "on")
            .fallthrough("off")
            .build());
    private final List<Map<String, Object>> segmentDocuments =
            List.of(segment("beta-tenants").include("acme").build());

    @Test
    void usingItFromJava() {
        FlagSetResult compiled = FlagSet.compile(flagDocuments, segmentDocuments); // once per revision
        FlagSet flags = compiled.flagSet();
        EnvironmentFlags prod = flags.environment("prod").orElseThrow(); // empty: no flag defines "prod"

        EvaluationContext user = EvaluationContext.builder() // once per request or user
                .targetingKey("user-1")
                .set("tenant", "acme")
                .set("country", "US")
                .set("appVersion", 57)
                .build()
                .boundTo(flags); // lays it out for this snapshot: evaluation allocates nothing

        boolean on = prod.booleanValue("new-checkout", user, false);
        EvaluationResult<Boolean> detail = prod.evaluateBoolean("new-checkout", user, false);
        Map<String, EvaluationResult<Object>> all = prod.evaluateAll(user);

        assertThat(compiled.ok()).isTrue();
        assertThat(on).isTrue();
        assertThat(detail.reason()).isEqualTo(Reason.TARGETING_MATCH);
        assertThat(detail.ruleId()).contains("beta");
        assertThat(all).containsOnlyKeys("new-checkout");
    }

    @Test
    void typosAreReportedNotDefaulted() {
        FlagSet flags = FlagSet.compile(flagDocuments, segmentDocuments).flagSet();
        EnvironmentFlags prod = flags.environment("prod").orElseThrow();
        EvaluationContext user = EvaluationContext.ofKey("user-1").boundTo(flags);

        EvaluationResult<Boolean> detail = prod.evaluateBoolean("new-chekout", user, false);

        assertThat(detail.isNotFound()).isTrue();
        assertThat(detail.message()).contains("no flag 'new-chekout'");
        assertThat(flags.environment("prdo")).isEmpty();
        assertThat(FlagEvaluator.create()
                        .evaluateBoolean(flags, "new-checkout", "prdo", user, false)
                        .isNotFound())
                .isTrue();
    }

    @Test
    void theOneCallFormNamesTheEnvironment() {
        FlagSet flags = FlagSet.compile(flagDocuments, segmentDocuments).flagSet();
        EvaluationContext context = EvaluationContext.of(Map.of("targetingKey", "user-1", "tenant", "acme"))
                .boundTo(flags);

        FlagEvaluator evaluator = FlagEvaluator.create();
        EvaluationResult<Object> result = evaluator.evaluate(flags, "new-checkout", "prod", context);
        boolean on = evaluator
                .evaluateBoolean(flags, "new-checkout", "prod", context, false)
                .value();

        assertThat(result.reason()).isEqualTo(Reason.TARGETING_MATCH);
        assertThat(on).isTrue();
    }
}
