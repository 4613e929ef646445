package io.cascade.server.flag;

import io.cascade.evaluator.flag.EvaluationResult;

/** Told about every flag evaluation the API answers: counts by reason, and exposures of experiments. */
@FunctionalInterface
public interface EvaluationMetrics {

    void evaluated(String namespace, String flagKey, EvaluationResult<?> result);

    static EvaluationMetrics none() {
        return (namespace, flagKey, result) -> {};
    }
}
