package io.cascade.evaluator.flag;

import java.util.Objects;

/**
 * A targeting rule of one environment, tested in order.
 *
 * @param id unique within the environment; reported as the result's {@code ruleId}
 * @param when the condition, in the rules DSL
 * @param serve what the rule serves when the condition holds
 */
public record Rule(String id, String when, Serve serve) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(serve, "serve");
        if (!Names.isId(id)) {
            throw new IllegalArgumentException("rule id must match " + Names.idRule() + ", was '" + id + "'");
        }
    }
}
