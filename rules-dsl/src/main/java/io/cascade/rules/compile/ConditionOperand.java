package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/** A condition used as a boolean value: {@code (a == b) == true}. */
final class ConditionOperand extends Operand {

    private final Node condition;

    ConditionOperand(Node condition) {
        this.condition = condition;
    }

    @Override
    Object value(RuleContext ctx) {
        return condition.test(ctx) ? Boolean.TRUE : Boolean.FALSE;
    }

    @Override
    int bool(RuleContext ctx) {
        return condition.test(ctx) ? 1 : 0;
    }

    @Override
    boolean isConstant() {
        return condition instanceof ConstantNode;
    }

    @Override
    void note(RuleContext ctx, Kind wanted, List<String> notes) {
        condition.explain(ctx, notes);
    }
}
