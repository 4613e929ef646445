package io.cascade.evaluator.flag;

import java.util.Arrays;

/**
 * A set of {@linkplain io.cascade.rules.AttributeLayout symbols} (ints from 0), open addressing
 * over an int array: one multiply and, mostly, one probe to test. Immutable.
 */
final class SymbolSet {

    private static final int FREE = -1;
    private static final SymbolSet EMPTY = new SymbolSet(new int[] {FREE}, 0);

    private final int[] table;
    private final int mask;

    private SymbolSet(int[] table, int mask) {
        this.table = table;
        this.mask = mask;
    }

    static SymbolSet of(int[] symbols) {
        if (symbols.length == 0) {
            return EMPTY;
        }
        int capacity = Integer.highestOneBit(Math.max(2, symbols.length * 2 - 1)) << 1;
        int[] table = new int[capacity];
        Arrays.fill(table, FREE);
        int mask = capacity - 1;
        for (int symbol : symbols) {
            if (symbol < 0) {
                throw new IllegalArgumentException("symbols are >= 0, got " + symbol);
            }
            int i = slot(symbol, mask);
            while (table[i] != FREE && table[i] != symbol) {
                i = (i + 1) & mask;
            }
            table[i] = symbol;
        }
        return new SymbolSet(table, mask);
    }

    /** Whether {@code symbol} is in the set; negative symbols (unknown strings, non-strings) never are. */
    boolean contains(int symbol) {
        if (symbol < 0) {
            return false;
        }
        int[] t = table;
        int i = slot(symbol, mask);
        while (true) {
            int found = t[i];
            if (found == symbol) {
                return true;
            }
            if (found == FREE) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    static int slot(int symbol, int mask) {
        return (symbol * 0x9E3779B9) >>> 7 & mask;
    }
}
