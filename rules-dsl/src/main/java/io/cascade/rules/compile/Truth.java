package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/** A bare attribute used as a condition: holds when the attribute is {@code true}. */
final class Truth extends Node {

    private final Operand operand;

    Truth(Operand operand) {
        this.operand = operand;
    }

    @Override
    boolean test(RuleContext ctx) {
        return operand.bool(ctx) == 1;
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        operand.note(ctx, Kind.BOOLEAN, notes);
    }

    @Override
    boolean foldable() {
        return operand.isConstant();
    }
}
