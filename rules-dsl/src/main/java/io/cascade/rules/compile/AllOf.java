package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/** {@code a and b and ...}, stopping at the first false. */
final class AllOf extends Node {

    private final Node[] operands;

    AllOf(Node[] operands) {
        this.operands = operands;
    }

    Node[] operands() {
        return operands.clone();
    }

    @Override
    boolean test(RuleContext ctx) {
        for (Node operand : operands) {
            if (!operand.test(ctx)) {
                return false;
            }
        }
        return true;
    }

    @Override
    boolean explain(RuleContext ctx, List<String> notes) {
        for (Node operand : operands) {
            if (!operand.explain(ctx, notes)) {
                return false;
            }
        }
        return true;
    }
}
