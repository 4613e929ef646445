package io.cascade.evaluator.flag;

import io.cascade.rules.Bucketing;

/** What a matched rule or the fallthrough returns, with every possible result precomputed. */
abstract sealed class Outcome permits Outcome.Fixed, Outcome.Split {

    /** The result for {@code targetingKey} (may be null) under the flag's {@code salt}. */
    abstract EvaluationResult serve(String targetingKey, String salt);

    static final class Fixed extends Outcome {
        private final EvaluationResult result;

        Fixed(EvaluationResult result) {
            this.result = result;
        }

        @Override
        EvaluationResult serve(String targetingKey, String salt) {
            return result;
        }
    }

    /**
     * Entry {@code i} owns the buckets {@code [upperBounds[i-1], upperBounds[i])}; the last bound is
     * {@link Bucketing#BUCKETS}, so a linear scan always ends on an entry.
     */
    static final class Split extends Outcome {
        private final int[] upperBounds;
        private final EvaluationResult[] results;
        private final EvaluationResult keyMissing;

        Split(int[] upperBounds, EvaluationResult[] results, EvaluationResult keyMissing) {
            this.upperBounds = upperBounds.clone();
            this.results = results.clone();
            this.keyMissing = keyMissing;
        }

        @Override
        EvaluationResult serve(String targetingKey, String salt) {
            if (targetingKey == null) {
                return keyMissing;
            }
            int bucket = Bucketing.bucket(salt, targetingKey);
            for (int i = 0; i < upperBounds.length; i++) {
                if (bucket < upperBounds[i]) {
                    return results[i];
                }
            }
            return results[results.length - 1];
        }
    }
}
