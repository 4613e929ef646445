package io.cascade.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A compiled rule seen as what it tests: an {@code and} of simple conditions, each on one slot of
 * one {@link AttributeLayout}. {@link CompiledRule#conjunction()} gives it for rules of that shape
 * ({@code country in ["US", "CA"] and plan == "enterprise" and appVersion >= 42}, {@code
 * targetingKey in segment("beta")}), so that an evaluator holding many rules can lay their
 * conditions out together, test the cheap ones first and index rules by the values they require.
 *
 * <p>Every condition reads the cells a context laid out by {@link #layout()} returns from {@link
 * RuleContext#cells}; an absent attribute or one of another type makes every condition false,
 * negated or not, exactly as {@link CompiledRule#test} does. The rule holds when every condition
 * does; the conditions have no side effects, so they may be tested in any order. Immutable.
 *
 * @param layout the layout the slots and symbols belong to
 * @param conditions the conditions, in source order; empty for a rule that always holds
 */
public record Conjunction(AttributeLayout layout, List<Condition> conditions) {

    public Conjunction {
        Objects.requireNonNull(layout, "layout");
        conditions = List.copyOf(conditions);
    }

    /** One condition of a {@link Conjunction}. */
    public sealed interface Condition permits SymbolIn, NumberIn, InSegment {

        /** The slot of the attribute the condition reads. */
        int slot();
    }

    /**
     * The string attribute at {@code slot} is (or, {@code negated}, is not) one of {@code symbols}:
     * {@code ==}, {@code !=}, {@code in [...]}, {@code not in [...]} on strings. False when the
     * attribute is absent or not a string ({@link AttributeLayout#NOT_A_STRING}).
     *
     * @param symbols sorted, without duplicates
     */
    public record SymbolIn(int slot, int[] symbols, boolean negated) implements Condition {

        public SymbolIn {
            symbols = Arrays.stream(symbols).sorted().distinct().toArray();
        }

        @Override
        public int[] symbols() {
            return symbols.clone();
        }

        /** Whether the condition holds for an attribute whose symbol is {@code symbol}. */
        public boolean holds(int symbol) {
            return symbol != AttributeLayout.NOT_A_STRING && (Arrays.binarySearch(symbols, symbol) >= 0) != negated;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SymbolIn that
                    && slot == that.slot
                    && negated == that.negated
                    && Arrays.equals(symbols, that.symbols);
        }

        @Override
        public int hashCode() {
            return Objects.hash(slot, Arrays.hashCode(symbols), negated);
        }

        @Override
        public String toString() {
            return "SymbolIn[slot=" + slot + ", symbols=" + Arrays.toString(symbols) + ", negated=" + negated + "]";
        }
    }

    /**
     * The number attribute at {@code slot} lies (or, {@code negated}, does not lie) in the closed
     * interval {@code [low, high]}: every comparison of a number attribute with a finite literal.
     * False when the attribute is absent or not a number (NaN).
     */
    public record NumberIn(int slot, double low, double high, boolean negated) implements Condition {

        /** Whether the condition holds for an attribute whose value is {@code value} (NaN when absent). */
        public boolean holds(double value) {
            return value == value && (value >= low && value <= high) != negated;
        }
    }

    /**
     * The string attribute at {@code slot} is (or, {@code negated}, is not) in the segment named
     * {@code segment}, as {@link RuleContext#inSegment(AttributeLayout, int, String, String)} answers
     * it. False when the attribute is absent or not a string.
     */
    public record InSegment(int slot, String segment, boolean negated) implements Condition {

        public InSegment {
            Objects.requireNonNull(segment, "segment");
        }
    }
}
