package io.cascade.server.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatesTest {

    private static Gates.Sums sums(long requests, long errors, double latency) {
        Gates.Sums sums = new Gates.Sums();
        sums.add(new HealthStore.Report("h", 2, requests, errors, latency, Instant.EPOCH));
        return sums;
    }

    @Test
    void aGateWaitsUntilItHasItsMinimumRequests() {
        RolloutPlan.Gate gate = new RolloutPlan.Gate("errorRate", 0.05, null, 100);
        Gates.Verdict verdict = Gates.evaluate(List.of(gate), sums(99, 99, 1), new Gates.Sums(), "canary");
        assertThat(verdict.hold()).isFalse();
        assertThat(verdict.failed()).isFalse();
    }

    @Test
    void anErrorRateAboveItsMaxFailsNamingTheGateTheFigureAndTheThreshold() {
        RolloutPlan.Gate gate = new RolloutPlan.Gate("errorRate", 0.05, null, 100);
        Gates.Verdict verdict = Gates.evaluate(List.of(gate), sums(200, 50, 1), new Gates.Sums(), "canary");
        assertThat(verdict.failed()).isTrue();
        assertThat(verdict.failure()).contains("errorRate", "'canary'", "0.25", "200 requests", "0.05");
    }

    @Test
    void aLatencyFarAboveTheBaseCohortsFailsItsRatioGate() {
        RolloutPlan.Gate gate = new RolloutPlan.Gate("latencyP99Ms", null, 1.5, 10);
        Gates.Verdict slow = Gates.evaluate(List.of(gate), sums(50, 0, 400), sums(50, 0, 100), "half");
        assertThat(slow.failure()).contains("latencyP99Ms", "400", "100", "1.5");
        Gates.Verdict fine = Gates.evaluate(List.of(gate), sums(50, 0, 140), sums(50, 0, 100), "half");
        assertThat(fine.hold()).isTrue();
    }

    @Test
    void aRatioIsNotJudgedWithoutEnoughBaseTraffic() {
        RolloutPlan.Gate gate = new RolloutPlan.Gate("errorRate", null, 2.0, 10);
        assertThat(Gates.evaluate(List.of(gate), sums(50, 10, 1), sums(5, 0, 1), "s")
                        .hold())
                .isTrue();
    }

    @Test
    void latencyIsWeightedByRequests() {
        Gates.Sums sums = new Gates.Sums();
        sums.add(new HealthStore.Report("a", 2, 90, 0, 100.0, Instant.EPOCH));
        sums.add(new HealthStore.Report("b", 2, 10, 0, 1000.0, Instant.EPOCH));
        assertThat(sums.value("latencyP99Ms")).isEqualTo(190.0);
        assertThat(sums.value("errorRate")).isEqualTo(0.0);
    }
}
