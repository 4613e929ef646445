package io.cascade.rules.compile;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.RuleContext;

/**
 * {@code x in segment("name")}: asks the context. The name is interned, so a context that keeps its
 * segments under interned names finds them by reference.
 */
final class InSegment extends Membership {

    private final String segment;

    InSegment(Operand item, String segment, boolean negated) {
        super(item, negated, Kind.STRING);
        this.segment = segment.intern();
    }

    String segment() {
        return segment;
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
        if (attribute.symbol(ctx) == AttributeLayout.NOT_A_STRING) {
            return -1;
        }
        return of(attribute.inSegment(ctx, segment));
    }

    @Override
    boolean foldable() {
        return false;
    }
}
