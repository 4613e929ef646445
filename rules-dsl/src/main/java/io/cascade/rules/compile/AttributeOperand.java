package io.cascade.rules.compile;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.RuleContext;
import io.cascade.rules.Span;
import io.cascade.rules.internal.Semver;
import java.util.List;

/** A context attribute, by its slot in the rule's layout (and its path, for other contexts). */
final class AttributeOperand extends Operand {

    private final String path;
    private final Span span;
    private final AttributeLayout layout;
    private final int slot;

    AttributeOperand(String path, Span span, AttributeLayout layout, int slot) {
        this.path = path;
        this.span = span;
        this.layout = layout;
        this.slot = slot;
    }

    String path() {
        return path;
    }

    int slot() {
        return slot;
    }

    AttributeLayout layout() {
        return layout;
    }

    @Override
    Object value(RuleContext ctx) {
        return ctx.attribute(layout, slot, path);
    }

    @Override
    double number(RuleContext ctx) {
        return ctx.number(layout, slot, path);
    }

    /** The value's symbol in the rule's layout. */
    int symbol(RuleContext ctx) {
        return ctx.symbol(layout, slot, path);
    }

    /** Whether the value, a string, is in {@code segment}. */
    boolean inSegment(RuleContext ctx, String segment) {
        return ctx.inSegment(layout, slot, path, segment);
    }

    @Override
    void note(RuleContext ctx, Kind wanted, List<String> notes) {
        Object value = value(ctx);
        String where = " at " + span.position();
        if (value == null) {
            notes.add("attribute '" + path + "' is missing" + where);
            return;
        }
        if (fits(value, wanted)) {
            return;
        }
        if (wanted == Kind.SEMVER && value instanceof String) {
            notes.add("attribute '" + path + "' is not a semantic version" + where);
            return;
        }
        if (wanted == Kind.DATETIME && value instanceof String) {
            notes.add("attribute '" + path + "' is not an ISO-8601 date-time" + where);
            return;
        }
        notes.add(
                "expected " + wanted.displayName() + " but attribute '" + path + "' is " + Kind.nameOf(value) + where);
    }

    private static boolean fits(Object value, Kind wanted) {
        switch (wanted) {
            case STRING:
                return value instanceof String;
            case NUMBER:
                return value instanceof Number;
            case BOOLEAN:
                return value instanceof Boolean;
            case DATETIME:
                return Values.millis(value) != NO_INSTANT;
            case SEMVER:
                return value instanceof String s && Semver.isValid(s);
            case LIST:
                return value instanceof List;
            default:
                return true;
        }
    }
}
