package io.cascade.server.rollout;

import java.util.List;
import java.util.Locale;

/**
 * Health figures summed over reports, and the verdict of a stage's gates on them.
 *
 * <p>{@code errorRate} is errors ÷ requests; {@code latencyP99Ms} is the mean of the reported p99
 * figures weighted by each report's requests (a report of no requests weighs 1).
 */
final class Gates {

    private Gates() {}

    /** Sums of health reports. */
    static final class Sums {
        long requests;
        long errors;
        double latencyWeighted;
        long latencyWeight;

        void add(HealthStore.Report report) {
            requests += report.requests();
            errors += report.errors();
            if (report.latencyP99Ms() != null) {
                long weight = Math.max(1, report.requests());
                latencyWeighted += report.latencyP99Ms() * weight;
                latencyWeight += weight;
            }
        }

        /** The figure of {@code metric}, or null when there is nothing to measure it by. */
        Double value(String metric) {
            if ("errorRate".equals(metric)) {
                return requests == 0 ? null : (double) errors / requests;
            }
            return latencyWeight == 0 ? null : latencyWeighted / latencyWeight;
        }
    }

    /** Whether every gate holds, and if one failed, why (the gate, the figure, the threshold). */
    record Verdict(boolean hold, String failure) {
        static final Verdict HOLD = new Verdict(true, null);
        static final Verdict WAITING = new Verdict(false, null);

        boolean failed() {
            return failure != null;
        }
    }

    /**
     * The gates over the cohort's figures and the base cohort's. A gate waits (does not hold, does
     * not fail) while the cohort has fewer than {@code minRequests} requests; the comparison with
     * the base is made only when the base has that many too.
     */
    static Verdict evaluate(List<RolloutPlan.Gate> gates, Sums cohort, Sums base, String stage) {
        boolean waiting = false;
        for (RolloutPlan.Gate gate : gates) {
            if (cohort.requests < gate.minRequests()) {
                waiting = true;
                continue;
            }
            Double value = cohort.value(gate.metric());
            if (value == null) {
                continue;
            }
            if (gate.max() != null && value > gate.max()) {
                return new Verdict(
                        false,
                        String.format(
                                Locale.ROOT,
                                "gate %s failed in stage '%s': %s was %s over %d requests, above the threshold %s",
                                gate.describe(),
                                stage,
                                gate.metric(),
                                figure(value),
                                cohort.requests,
                                figure(gate.max())));
            }
            Double baseValue = base.requests >= Math.max(1, gate.minRequests()) ? base.value(gate.metric()) : null;
            if (gate.maxRatioToBase() != null && baseValue != null && value > gate.maxRatioToBase() * baseValue) {
                return new Verdict(
                        false,
                        String.format(
                                Locale.ROOT,
                                "gate %s failed in stage '%s': %s was %s over %d requests, against %s in the base"
                                        + " cohort: more than the threshold of %s times the base",
                                gate.describe(),
                                stage,
                                gate.metric(),
                                figure(value),
                                cohort.requests,
                                figure(baseValue),
                                figure(gate.maxRatioToBase())));
            }
        }
        return waiting ? Verdict.WAITING : Verdict.HOLD;
    }

    private static String figure(double value) {
        return String.format(Locale.ROOT, "%.4g", value)
                .replaceAll("(\\.\\d*?)0+$", "$1")
                .replaceAll("\\.$", "");
    }
}
