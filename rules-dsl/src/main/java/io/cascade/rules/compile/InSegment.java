package io.cascade.rules.compile;

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
        String s = item.string(ctx);
        return s == null ? -1 : of(ctx.inSegment(segment, s));
    }

    @Override
    boolean foldable() {
        return false;
    }
}
