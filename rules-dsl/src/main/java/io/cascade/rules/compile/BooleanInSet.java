package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;

/** A boolean in a list literal of booleans. */
final class BooleanInSet extends Membership {

    private final boolean hasTrue;
    private final boolean hasFalse;

    BooleanInSet(Operand item, boolean hasTrue, boolean hasFalse, boolean negated) {
        super(item, negated, Kind.BOOLEAN);
        this.hasTrue = hasTrue;
        this.hasFalse = hasFalse;
    }

    @Override
    int member(RuleContext ctx) {
        int b = item.bool(ctx);
        if (b == Operand.NO_BOOLEAN) {
            return -1;
        }
        return of(b == 1 ? hasTrue : hasFalse);
    }
}
