package io.cascade.evaluator.flag;

import java.util.Arrays;
import java.util.Map;

/** Symbols (ints from 0) to values, open addressing like {@link SymbolSet}. Immutable. */
final class SymbolMap<V> {

    private static final int FREE = -1;

    private final int[] keys;
    private final Object[] values;
    private final int mask;

    private SymbolMap(int[] keys, Object[] values, int mask) {
        this.keys = keys;
        this.values = values;
        this.mask = mask;
    }

    static <V> SymbolMap<V> of(Map<Integer, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
        int[] keys = new int[capacity];
        Object[] values = new Object[capacity];
        Arrays.fill(keys, FREE);
        int mask = capacity - 1;
        entries.forEach((symbol, value) -> {
            int i = SymbolSet.slot(symbol, mask);
            while (keys[i] != FREE && keys[i] != symbol) {
                i = (i + 1) & mask;
            }
            keys[i] = symbol;
            values[i] = value;
        });
        return new SymbolMap<>(keys, values, mask);
    }

    boolean isEmpty() {
        for (int key : keys) {
            if (key != FREE) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code symbol}, or null; negative symbols have none. */
    @SuppressWarnings("unchecked")
    V get(int symbol) {
        if (symbol < 0) {
            return null;
        }
        int[] k = keys;
        int i = SymbolSet.slot(symbol, mask);
        while (true) {
            int found = k[i];
            if (found == symbol) {
                return (V) values[i];
            }
            if (found == FREE) {
                return null;
            }
            i = (i + 1) & mask;
        }
    }
}
