package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/** {@code x in listAttr}, {@code listAttr contains x}: a scan of the attribute's elements. */
final class InListAttribute extends Membership {

    private final Operand list;

    InListAttribute(Operand item, Operand list, boolean negated) {
        super(item, negated, Kind.ANY);
        this.list = list;
    }

    @Override
    int member(RuleContext ctx) {
        Object x = item.value(ctx);
        if (x == null || x instanceof List) {
            return -1;
        }
        Object elements = list.value(ctx);
        return elements instanceof List<?> l ? of(Values.listHolds(l, x)) : -1;
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        super.note(ctx, notes);
        list.note(ctx, Kind.LIST, notes);
    }

    @Override
    boolean foldable() {
        return false;
    }
}
