package io.cascade.evaluator.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Which scopes a layer applies to: for each of the namespace's dimensions, a value or {@link #ANY}.
 *
 * <p>Specificity reads the fixed dimensions as a binary number in which the last dimension is the
 * most significant bit, so {@code (*,*,acme)} beats {@code (prod,us-east-1,*)}.
 */
public record Selector(List<String> values) {

    /** The wildcard: any value of that dimension. */
    public static final String ANY = "*";

    public Selector {
        Objects.requireNonNull(values, "values");
        values = List.copyOf(values);
        if (values.size() > 16) {
            throw new IllegalArgumentException("at most 16 dimensions, was " + values.size());
        }
    }

    /** The all-{@code *} selector of the defaults layer. */
    public static Selector defaults(int dimensions) {
        return new Selector(Collections.nCopies(dimensions, ANY));
    }

    public static Selector of(String... values) {
        return new Selector(List.of(values));
    }

    public int size() {
        return values.size();
    }

    public String value(int dimension) {
        return values.get(dimension);
    }

    public boolean isFixed(int dimension) {
        return !ANY.equals(values.get(dimension));
    }

    /** Bit {@code i} is set when dimension {@code i} is fixed; larger means more specific. */
    public int specificity() {
        int mask = 0;
        for (int i = 0; i < values.size(); i++) {
            if (isFixed(i)) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /**
     * The index of the most specific fixed dimension, the one the layer "sits at"; {@code -1} for
     * the defaults layer.
     */
    public int level() {
        for (int i = values.size() - 1; i >= 0; i--) {
            if (isFixed(i)) {
                return i;
            }
        }
        return -1;
    }

    public boolean isDefaults() {
        return level() < 0;
    }

    /** Whether every fixed dimension equals the scope's value there. */
    public boolean matches(Scope scope) {
        for (int i = 0; i < values.size(); i++) {
            if (isFixed(i) && !values.get(i).equals(scope.value(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether some scope matches both this selector and {@code other}. */
    public boolean overlaps(Selector other) {
        for (int i = 0; i < values.size(); i++) {
            if (isFixed(i) && other.isFixed(i) && !values.get(i).equals(other.value(i))) {
                return false;
            }
        }
        return true;
    }

    /** This selector with only the dimensions in {@code mask} kept from {@code scope}. */
    static Selector project(Scope scope, int mask) {
        List<String> projected = new ArrayList<>(scope.size());
        for (int i = 0; i < scope.size(); i++) {
            projected.add((mask & (1 << i)) != 0 ? scope.value(i) : ANY);
        }
        return new Selector(projected);
    }

    /** {@code (prod,*,acme)}. */
    @Override
    public String toString() {
        return "(" + String.join(",", values) + ")";
    }
}
