package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/** {@code a or b or ...}, stopping at the first true. */
final class AnyOf extends Node {

    private final Node[] operands;

    AnyOf(Node[] operands) {
        this.operands = operands;
    }

    @Override
    boolean test(RuleContext ctx) {
        for (Node operand : operands) {
            if (operand.test(ctx)) {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean explain(RuleContext ctx, List<String> notes) {
        for (Node operand : operands) {
            if (operand.explain(ctx, notes)) {
                return true;
            }
        }
        return false;
    }
}
