package io.cascade.rules.compile;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.RuleContext;

/** {@code x in segment("name")}: asks the context. */
final class InSegment extends Membership {

    private final String segment;

    InSegment(Operand item, String segment, boolean negated) {
        super(item, negated, Kind.STRING);
        this.segment = segment;
    }

    @Override
    int member(RuleContext ctx) {
        if (item instanceof AttributeOperand attribute) {
            return memberBySymbol(attribute, ctx);
        }
        String s = item.string(ctx);
        return s == null ? -1 : of(ctx.inSegment(segment, s));
    }

    private int memberBySymbol(AttributeOperand attribute, RuleContext ctx) {
        int symbol = attribute.symbol(ctx);
        if (symbol == AttributeLayout.NOT_A_STRING) {
            return -1;
        }
        String s = (String) attribute.value(ctx);
        return of(ctx.inSegment(attribute.layout(), segment, s, symbol));
    }

    @Override
    boolean foldable() {
        return false;
    }
}
