package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;

/** {@code now()}: the context's clock. */
final class NowOperand extends Operand {

    @Override
    Object value(RuleContext ctx) {
        return null;
    }

    @Override
    long millis(RuleContext ctx) {
        return ctx.nowMillis();
    }
}
