package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.List;

/** {@code untyped contains x}: a substring test on a string, a membership test on a list. */
final class DynamicContains extends Node {

    private final Operand container;
    private final Operand item;

    DynamicContains(Operand container, Operand item) {
        this.container = container;
        this.item = item;
    }

    @Override
    boolean test(RuleContext ctx) {
        Object value = container.value(ctx);
        if (value instanceof String s) {
            String part = item.string(ctx);
            return part != null && s.contains(part);
        }
        if (value instanceof List<?> list) {
            Object x = item.value(ctx);
            return x != null && Values.listHolds(list, x);
        }
        return false;
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        Object value = container.value(ctx);
        container.note(ctx, value instanceof String ? Kind.STRING : Kind.LIST, notes);
        item.note(ctx, value instanceof String ? Kind.STRING : Kind.ANY, notes);
    }
}
