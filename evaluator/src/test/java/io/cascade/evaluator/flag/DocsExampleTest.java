package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snippet in docs/flags.md ("Using it from Java"), kept compiling and true. */
class DocsExampleTest {

    @Test
    void usingItFromJava() {
        List<Map<String, Object>> flagDocuments = List.of(flag("new-checkout")
                .on()
                .rule("beta", "tenant in segment(\"beta-tenants\")", "on")
                .fallthrough("off")
                .build());
        List<Map<String, Object>> segmentDocuments =
                List.of(segment("beta-tenants").include("acme").build());

        FlagSetResult compiled = FlagSet.compile(flagDocuments, segmentDocuments);
        FlagSet flags = compiled.flagSet();

        EvaluationContext context = EvaluationContext.of(Map.of("targetingKey", "user-1", "tenant", "acme"))
                .boundTo(flags);
        FlagEvaluator evaluator = FlagEvaluator.create();
        EvaluationResult<?> result = evaluator.evaluate(flags, "new-checkout", "prod", context);
        boolean on = (Boolean) evaluator
                .evaluateBoolean(flags, "new-checkout", "prod", context, false)
                .value();
        Map<String, EvaluationResult<Object>> all = evaluator.evaluateAll(flags, "prod", context);

        assertThat(compiled.ok()).isTrue();
        assertThat(result.reason()).isEqualTo(Reason.TARGETING_MATCH);
        assertThat(result.ruleId()).contains("beta");
        assertThat(on).isTrue();
        assertThat(all).containsOnlyKeys("new-checkout");
    }
}
