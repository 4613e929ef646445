package io.cascade.rules.compile;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.RuleContext;
import java.util.Arrays;
import java.util.List;

/**
 * {@code attr == "s"}, {@code attr != "s"}, {@code attr in ["a", "b"]}, {@code attr not in [...]}:
 * the attribute's symbol against the literals' symbols, so no characters are compared. An absent or
 * non-string attribute makes every form false.
 */
final class SymbolInSet extends Node {

    private static final int LINEAR_SCAN_MAX = 8;

    private final AttributeOperand attribute;
    private final int[] symbols;
    private final boolean negated;

    SymbolInSet(AttributeOperand attribute, int[] symbols, boolean negated) {
        this.attribute = attribute;
        int[] sorted = symbols.clone();
        Arrays.sort(sorted);
        this.symbols = sorted;
        this.negated = negated;
    }

    @Override
    boolean test(RuleContext ctx) {
        int symbol = attribute.symbol(ctx);
        if (symbol == AttributeLayout.NOT_A_STRING) {
            return false;
        }
        return contains(symbol) != negated;
    }

    AttributeOperand attribute() {
        return attribute;
    }

    boolean negated() {
        return negated;
    }

    int[] symbols() {
        return symbols.clone();
    }

    private boolean contains(int symbol) {
        return contains(symbols, symbol);
    }

    /** Whether sorted {@code all} holds {@code symbol}. */
    static boolean contains(int[] all, int symbol) {
        if (all.length > LINEAR_SCAN_MAX) {
            return Arrays.binarySearch(all, symbol) >= 0;
        }
        for (int s : all) {
            if (s == symbol) {
                return true;
            }
        }
        return false;
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        attribute.note(ctx, Kind.STRING, notes);
    }
}
