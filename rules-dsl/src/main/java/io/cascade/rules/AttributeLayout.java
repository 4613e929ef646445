package io.cascade.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Numbers shared by a set of rules compiled together (a flag set): a <em>slot</em> for every
 * attribute path the rules read, and a <em>symbol</em> for every string they compare with (and
 * every key the caller registers, such as segment keys). A context laid out by it holds its values
 * in arrays indexed by slot and its strings as symbols, so a compiled rule reads {@code slots[i]}
 * and compares strings as ints instead of looking paths up and comparing characters.
 *
 * <p>Equal strings always have the same symbol; a string the layout does not know is {@link
 * #OTHER_STRING}, which equals no known string; a value that is absent or not a string is {@link
 * #NOT_A_STRING}. So {@code a == "x"} holds exactly when {@code symbol(a) == symbol("x")}.
 *
 * <p>Built once through a {@link Builder} while the rules compile, then read-only: safe to share
 * between threads once the object that holds it is published (a {@code FlagSet}).
 */
public final class AttributeLayout {

    /** The symbol of a value that is absent or not a string. */
    public static final int NOT_A_STRING = -2;

    /** The symbol of a string the layout does not know. */
    public static final int OTHER_STRING = -1;

    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> paths = new ArrayList<>();
    private final Map<String, Integer> symbols = new HashMap<>();

    private AttributeLayout() {}

    /** A builder of a new, empty layout. Not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of slots: slots are {@code 0 .. size() - 1}. */
    public int size() {
        return paths.size();
    }

    /** The attribute path of every slot, in slot order. */
    public List<String> paths() {
        return Collections.unmodifiableList(paths);
    }

    /** The slot of {@code path}, or -1 when no rule reads it. */
    public int slotOf(String path) {
        Integer slot = slots.get(path);
        return slot == null ? -1 : slot;
    }

    /** The symbol of {@code value}: {@link #NOT_A_STRING}, {@link #OTHER_STRING}, or a number from 0. */
    public int symbolOf(Object value) {
        if (!(value instanceof String s)) {
            return NOT_A_STRING;
        }
        Integer symbol = symbols.get(s);
        return symbol == null ? OTHER_STRING : symbol;
    }

    /**
     * The cells of a context whose attributes, by path, are {@code attributes}: for every slot its
     * value as a double (NaN when it is not a number) and its symbol. What a context returns from
     * {@link RuleContext#cells}; only compiled rules read the cells, so their format is theirs.
     */
    public long[] cellsOf(Map<String, ?> attributes) {
        long[] cells = new long[paths.size() * 2];
        for (int slot = 0; slot < paths.size(); slot++) {
            cells[numberCell(slot)] = NO_NUMBER;
            cells[symbolCell(slot)] = NOT_A_STRING;
        }
        for (Map.Entry<String, ?> attribute : attributes.entrySet()) {
            Integer slot = slots.get(attribute.getKey());
            if (slot != null) {
                Object value = attribute.getValue();
                if (value instanceof Number n) {
                    cells[numberCell(slot)] = Double.doubleToRawLongBits(n.doubleValue());
                }
                cells[symbolCell(slot)] = symbolOf(value);
            }
        }
        return cells;
    }

    /** Where slot {@code slot}'s value as a double lives in the cells (as raw long bits). */
    public static int numberCell(int slot) {
        return slot << 1;
    }

    /** Where slot {@code slot}'s symbol lives in the cells, next to its number. */
    public static int symbolCell(int slot) {
        return (slot << 1) + 1;
    }

    private static final long NO_NUMBER = Double.doubleToRawLongBits(Double.NaN);

    @Override
    public String toString() {
        return "AttributeLayout[slots=" + paths + ", symbols=" + symbols.size() + "]";
    }

    /**
     * Assigns slots and symbols while rules compile. {@link #layout()} is the layout being built, the
     * same object before and after {@link #build()}, so compiled rules can hold it.
     */
    public static final class Builder {
        private final AttributeLayout layout = new AttributeLayout();
        private boolean built;

        private Builder() {}

        /** The slot of {@code path}, assigned on first use. */
        public int slot(String path) {
            Objects.requireNonNull(path, "path");
            requireOpen();
            Integer slot = layout.slots.get(path);
            if (slot != null) {
                return slot;
            }
            String interned = path.intern(); // contexts built with literal names find their slots by reference
            layout.paths.add(interned);
            layout.slots.put(interned, layout.paths.size() - 1);
            return layout.paths.size() - 1;
        }

        /** The symbol of {@code value}, assigned on first use. */
        public int symbol(String value) {
            Objects.requireNonNull(value, "value");
            requireOpen();
            Integer symbol = layout.symbols.get(value);
            if (symbol != null) {
                return symbol;
            }
            int next = layout.symbols.size();
            layout.symbols.put(value, next);
            return next;
        }

        /** The layout this builder fills. */
        public AttributeLayout layout() {
            return layout;
        }

        /** Ends building: the layout no longer changes. */
        public AttributeLayout build() {
            built = true;
            return layout;
        }

        private void requireOpen() {
            if (built) {
                throw new IllegalStateException("the layout is already built");
            }
        }
    }
}
