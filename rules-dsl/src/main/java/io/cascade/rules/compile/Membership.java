package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/**
 * {@code x in ...} and {@code x not in ...}. An absent or mistyped {@code x} makes both false.
 */
abstract class Membership extends Node {

    final Operand item;
    private final boolean negated;
    private final Kind kind;

    Membership(Operand item, boolean negated, Kind kind) {
        this.item = item;
        this.negated = negated;
        this.kind = kind;
    }

    boolean negated() {
        return negated;
    }

    /** 1 if the item is a member, 0 if not, -1 if the item is absent or of the wrong type. */
    abstract int member(RuleContext ctx);

    @Override
    final boolean test(RuleContext ctx) {
        int member = member(ctx);
        return member >= 0 && (member == 1) != negated;
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        item.note(ctx, kind, notes);
    }

    @Override
    boolean foldable() {
        return item.isConstant();
    }

    static int of(boolean member) {
        return member ? 1 : 0;
    }
}
