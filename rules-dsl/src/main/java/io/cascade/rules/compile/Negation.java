package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/** {@code not a}. */
final class Negation extends Node {

    private final Node operand;

    Negation(Node operand) {
        this.operand = operand;
    }

    @Override
    boolean test(RuleContext ctx) {
        return !operand.test(ctx);
    }

    @Override
    boolean explain(RuleContext ctx, List<String> notes) {
        return !operand.explain(ctx, notes);
    }
}
