package io.cascade.rules.compile;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.RuleContext;
import java.util.List;

/**
 * {@code a and b and ...} where every operand compares an attribute with literals ({@link
 * SymbolInSet}, {@link NumberInRange}, all of one layout): the operands' data in parallel arrays,
 * tested in one loop. The common rule shape ({@code country in [...] and plan == "..." and
 * appVersion >= 42}) thus costs no virtual call per condition, whatever other node types the
 * program has loaded. {@link #explain} goes through the original nodes.
 */
final class LeafConjunction extends Node {

    private final AllOf original;
    private final AttributeLayout layout;
    private final boolean[] isNumber;
    private final int[] slots;
    private final int[][] symbols;
    private final double[] lows;
    private final double[] highs;
    private final boolean[] negated;

    private LeafConjunction(AllOf original, List<Node> operands, AttributeLayout layout) {
        this.original = original;
        this.layout = layout;
        int n = operands.size();
        isNumber = new boolean[n];
        slots = new int[n];
        symbols = new int[n][];
        lows = new double[n];
        highs = new double[n];
        negated = new boolean[n];
        for (int i = 0; i < n; i++) {
            Node operand = operands.get(i);
            if (operand instanceof NumberInRange range) {
                isNumber[i] = true;
                slots[i] = range.attribute().slot();
                lows[i] = range.low();
                highs[i] = range.high();
                negated[i] = range.negated();
            } else {
                SymbolInSet set = (SymbolInSet) operand;
                slots[i] = set.attribute().slot();
                symbols[i] = set.symbols();
                negated[i] = set.negated();
            }
        }
    }

    /** The conjunction of {@code operands}, or null when one of them is not a leaf of this kind. */
    static LeafConjunction of(List<Node> operands) {
        AttributeLayout layout = null;
        for (Node operand : operands) {
            AttributeOperand attribute;
            if (operand instanceof NumberInRange range) {
                attribute = range.attribute();
            } else if (operand instanceof SymbolInSet set) {
                attribute = set.attribute();
            } else {
                return null;
            }
            if (layout != null && layout != attribute.layout()) {
                return null;
            }
            layout = attribute.layout();
        }
        return new LeafConjunction(new AllOf(operands.toArray(new Node[0])), operands, layout);
    }

    AllOf original() {
        return original;
    }

    @Override
    boolean test(RuleContext ctx) {
        long[] cells = ctx.cells(layout);
        return cells != null ? holds(cells) : original.test(ctx);
    }

    private boolean holds(long[] cells) {
        for (int i = 0; i < slots.length; i++) {
            if (!(isNumber[i] ? numberHolds(cells, i) : symbolHolds(cells, i))) {
                return false;
            }
        }
        return true;
    }

    private boolean numberHolds(long[] cells, int i) {
        double a = Double.longBitsToDouble(cells[AttributeLayout.numberCell(slots[i])]);
        return a == a && (a >= lows[i] && a <= highs[i]) != negated[i];
    }

    private boolean symbolHolds(long[] cells, int i) {
        int symbol = (int) cells[AttributeLayout.symbolCell(slots[i])];
        return symbol != AttributeLayout.NOT_A_STRING && SymbolInSet.contains(symbols[i], symbol) != negated[i];
    }

    @Override
    boolean explain(RuleContext ctx, List<String> notes) {
        return original.explain(ctx, notes);
    }
}
