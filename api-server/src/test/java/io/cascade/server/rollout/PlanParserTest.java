package io.cascade.server.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.evaluator.rollout.Cohort;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanParserTest {

    @Test
    void theProductsExamplePlanParses() {
        RolloutPlan plan = PlanParser.parse(Map.of(
                "stages",
                List.of(
                        Map.of("name", "canary", "hosts", Map.of("sites", List.of("us-east-1")), "bakeSeconds", 60),
                        Map.of("name", "half", "hosts", Map.of("percent", 50), "bakeSeconds", 60),
                        Map.of("name", "all", "hosts", Map.of("all", true))),
                "gates",
                List.of(Map.of("metric", "errorRate", "max", 0.05, "minRequests", 20)),
                "abortOnAlert",
                Map.of("service", "checkout")));
        assertThat(plan.kind()).isEqualTo(RolloutPlan.Kind.CONFIG);
        assertThat(plan.stages())
                .extracting(RolloutPlan.Stage::cohort)
                .containsExactly(new Cohort.Sites(Set.of("us-east-1")), new Cohort.Percent(50), new Cohort.Everyone());
        assertThat(plan.stages().get(2).bakeSeconds()).isZero();
        assertThat(plan.gates().get(0).minRequests()).isEqualTo(20);
        assertThat(plan.abortOnAlert()).containsEntry("service", "checkout");
    }

    @Test
    void aFlagRampsPercentagesMustRise() {
        RolloutPlan plan = PlanParser.parse(Map.of(
                "flag",
                "new-checkout",
                "environment",
                "prod",
                "variation",
                "on",
                "stages",
                List.of(Map.of("percent", 5, "bakeSeconds", 600), Map.of("percent", 100))));
        assertThat(plan.flag()).isEqualTo(new RolloutPlan.FlagRamp("new-checkout", "prod", "on"));
        assertThatThrownBy(() -> PlanParser.parse(Map.of(
                        "flag",
                        "f",
                        "environment",
                        "prod",
                        "variation",
                        "on",
                        "stages",
                        List.of(Map.of("percent", 50), Map.of("percent", 50)))))
                .isInstanceOf(CascadeException.class)
                .hasMessageContaining("plan.stages[1].percent");
    }

    @Test
    void everyProblemNamesItsField() {
        assertThatThrownBy(() ->
                        PlanParser.parse(Map.of("stages", List.of(Map.of("hosts", Map.of("percent", 0.0001))))))
                .isInstanceOf(CascadeException.class)
                .hasMessageContaining("plan.stages[0].hosts.percent")
                .extracting(e -> ((CascadeException) e).code())
                .isEqualTo(ApiErrorCode.BAD_USER_INPUT);
        assertThatThrownBy(() -> PlanParser.parse(Map.of(
                        "stages", List.of(Map.of("hosts", Map.of("all", true))),
                        "gates", List.of(Map.of("metric", "errorRate", "max", -1)))))
                .hasMessageContaining("plan.gates[0].max");
    }
}
