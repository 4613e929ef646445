package io.cascade.evaluator.flag;

import java.util.Arrays;

/**
 * A set of {@linkplain io.cascade.rules.AttributeLayout symbols} (ints from 0). Symbols are
 * numbered in the order the layout meets them, so a segment's keys mostly sit in one run: when the
 * set's symbols span no more than 64 times their number, the set is a bit set over that span
 * (testing is one subtraction, one load and a bit test, with no branch on the answer); otherwise
 * open addressing over an int array (one multiply and, mostly, one probe). Immutable.
 */
final class SymbolSet {

    private static final int FREE = -1;
    private static final int SPAN_PER_SYMBOL = 64;
    private static final SymbolSet EMPTY = new SymbolSet(new int[] {FREE}, 0, null, 0, 0);

    // open addressing
    private final int[] table;
    private final int mask;
    // bit set over [lowest, lowest + limit): bit limit and above are clear
    private final long[] bits;
    private final int lowest;
    private final long limit;

    private SymbolSet(int[] table, int mask, long[] bits, int lowest, long limit) {
        this.table = table;
        this.mask = mask;
        this.bits = bits;
        this.lowest = lowest;
        this.limit = limit;
    }

    static SymbolSet of(int[] symbols) {
        if (symbols.length == 0) {
            return EMPTY;
        }
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        for (int symbol : symbols) {
            if (symbol < 0) {
                throw new IllegalArgumentException("symbols are >= 0, got " + symbol);
            }
            lowest = Math.min(lowest, symbol);
            highest = Math.max(highest, symbol);
        }
        long span = (long) highest - lowest + 1;
        if (span <= (long) symbols.length * SPAN_PER_SYMBOL) {
            return bitSet(symbols, lowest, (int) span);
        }
        int capacity = Integer.highestOneBit(Math.max(2, symbols.length * 2 - 1)) << 1;
        int[] table = new int[capacity];
        Arrays.fill(table, FREE);
        int mask = capacity - 1;
        for (int symbol : symbols) {
            int i = slot(symbol, mask);
            while (table[i] != FREE && table[i] != symbol) {
                i = (i + 1) & mask;
            }
            table[i] = symbol;
        }
        return new SymbolSet(table, mask, null, 0, 0);
    }

    /** One word more than the span needs, so bit {@code span} (where outsiders land) is clear. */
    private static SymbolSet bitSet(int[] symbols, int lowest, int span) {
        long[] bits = new long[(span >>> 6) + 1];
        for (int symbol : symbols) {
            int i = symbol - lowest;
            bits[i >>> 6] |= 1L << i;
        }
        return new SymbolSet(null, 0, bits, lowest, span);
    }

    /** The bit set's words, or null when the set is a hash table; with {@link #lowest()} and {@link #limit()}. */
    long[] bitsOrNull() {
        return bits;
    }

    int lowest() {
        return lowest;
    }

    long limit() {
        return limit;
    }

    /** Whether the bit set {@code bits} over {@code [lowest, lowest + limit)} holds {@code symbol}. */
    static boolean bitSetContains(long[] bits, int lowest, long limit, int symbol) {
        // outside the span (negative symbols included) reads bit `limit`, which is clear
        long i = Math.min((symbol - lowest) & 0xFFFF_FFFFL, limit);
        return (bits[(int) (i >>> 6)] & (1L << i)) != 0;
    }

    /** Whether {@code symbol} is in the set; negative symbols (unknown strings, non-strings) never are. */
    boolean contains(int symbol) {
        long[] b = bits;
        if (b != null) {
            return bitSetContains(b, lowest, limit, symbol);
        }
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
