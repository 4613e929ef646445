package io.cascade.evaluator.flag;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** What a rule or a fallthrough serves: one variation, or a weighted split between variations. */
public sealed interface Serve permits Serve.Single, Serve.Split {

    /** The largest number of decimals a weight may have. */
    int WEIGHT_SCALE = 3;

    /** Serves {@code variation} to everyone who gets here. */
    record Single(String variation) implements Serve {
        public Single {
            Objects.requireNonNull(variation, "variation");
        }
    }

    /**
     * Divides everyone who gets here by bucket: the entries take {@code weight * 1000} of the 100 000
     * buckets each, in the order written.
     *
     * @param allocations the entries, weights summing to exactly 100
     * @param experiment whether results served by this split are flagged {@code inExperiment}
     */
    record Split(List<Allocation> allocations, boolean experiment) implements Serve {
        public Split {
            allocations = List.copyOf(allocations);
            if (allocations.isEmpty()) {
                throw new IllegalArgumentException("a split needs at least one entry");
            }
            BigDecimal sum = allocations.stream().map(Allocation::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(BigDecimal.valueOf(100)) != 0) {
                throw new IllegalArgumentException("split weights must sum to 100, got " + sum.toPlainString());
            }
        }
    }

    /**
     * One entry of a split.
     *
     * @param variation the variation served
     * @param weight a percentage in {@code [0, 100]} with at most three decimals
     */
    record Allocation(String variation, BigDecimal weight) {
        public Allocation {
            Objects.requireNonNull(variation, "variation");
            Objects.requireNonNull(weight, "weight");
            if (!isValidWeight(weight)) {
                throw new IllegalArgumentException(
                        "weight must be in [0, 100] with at most 3 decimals, was " + weight.toPlainString());
            }
        }

        /** The number of buckets (of 100 000) this entry takes. */
        public int buckets() {
            return weight.movePointRight(WEIGHT_SCALE).intValueExact();
        }
    }

    /** Whether {@code weight} is in {@code [0, 100]} with at most three decimals. */
    static boolean isValidWeight(BigDecimal weight) {
        return weight.signum() >= 0
                && weight.compareTo(BigDecimal.valueOf(100)) <= 0
                && weight.stripTrailingZeros().scale() <= WEIGHT_SCALE;
    }
}
