package io.cascade.evaluator.flag;

import io.cascade.rules.Bucketing;

/** What a matched rule or the fallthrough returns, with every possible result precomputed. */
abstract sealed class Outcome permits Outcome.Fixed, Outcome.Split {

    /** The result for {@code targetingKey}, which may be null. */
    abstract EvaluationResult<Object> serve(String targetingKey);

    static final class Fixed extends Outcome {
        private final EvaluationResult<Object> result;

        Fixed(EvaluationResult<Object> result) {
            this.result = result;
        }

        EvaluationResult<Object> result() {
            return result;
        }

        @Override
        EvaluationResult<Object> serve(String targetingKey) {
            return result;
        }
    }

    /**
     * Entry {@code i} owns the buckets {@code [upperBounds[i-1], upperBounds[i])}; the last bound is
     * {@link Bucketing#BUCKETS}, so a linear scan always ends on an entry. The salt is hashed once,
     * here; each call hashes the key alone.
     */
    static final class Split extends Outcome {
        private final Bucketing.Salted salt;
        private final int[] upperBounds;
        private final EvaluationResult<Object>[] results;
        private final EvaluationResult<Object> keyMissing;

        Split(String salt, int[] upperBounds, EvaluationResult<Object>[] results, EvaluationResult<Object> keyMissing) {
            this.salt = Bucketing.salted(salt);
            this.upperBounds = upperBounds.clone();
            this.results = results.clone();
            this.keyMissing = keyMissing;
        }

        @Override
        EvaluationResult<Object> serve(String targetingKey) {
            if (targetingKey == null) {
                return keyMissing;
            }
            int bucket = salt.bucket(targetingKey);
            for (int i = 0; i < upperBounds.length; i++) {
                if (bucket < upperBounds[i]) {
                    return results[i];
                }
            }
            return results[results.length - 1];
        }
    }
}
