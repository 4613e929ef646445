package io.cascade.server.rollout;

import io.cascade.evaluator.rollout.Cohort;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed rollout plan: a config rollout (stages of host cohorts) or a flag ramp (stages of
 * fallthrough percentages of one flag in one environment), with the gates every stage must pass and
 * the alert labels that abort it. Built by {@link PlanParser} only.
 */
public record RolloutPlan(
        Kind kind,
        List<Stage> stages,
        List<Gate> gates,
        Map<String, String> abortOnAlert,
        long rollbackWindowSeconds,
        FlagRamp flag) {

    public enum Kind {
        CONFIG,
        FLAG
    }

    public RolloutPlan {
        Objects.requireNonNull(kind, "kind");
        stages = List.copyOf(stages);
        gates = List.copyOf(gates);
        abortOnAlert = Map.copyOf(abortOnAlert);
    }

    /**
     * One stage: a config rollout's {@code cohort}, or a flag ramp's {@code percent} (the other is
     * null), and how long it bakes before it may advance.
     */
    record Stage(String name, Cohort cohort, Double percent, long bakeSeconds) {}

    /**
     * A health gate over {@code metric} ({@code errorRate} or {@code latencyP99Ms}): fails when the
     * cohort's figure exceeds {@code max}, or {@code maxRatioToBase} times the base cohort's, once
     * there are at least {@code minRequests} requests (each bound optional, at least one given).
     */
    record Gate(String metric, Double max, Double maxRatioToBase, long minRequests) {
        String describe() {
            StringBuilder text = new StringBuilder(metric);
            if (max != null) {
                text.append(" max ").append(max);
            }
            if (maxRatioToBase != null) {
                text.append(" maxRatioToBase ").append(maxRatioToBase);
            }
            return text.toString();
        }
    }

    /** What a flag ramp ramps: {@code variation} of {@code flag} in {@code environment}. */
    record FlagRamp(String flag, String environment, String variation) {}
}
