package io.cascade.evaluator.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One value per dimension, the place a host runs in: {@code prod / us-east-1 / acme}. A {@code
 * null} value stands for a value that no layer names, which only {@code *} matches.
 */
public record Scope(List<String> values) {

    public Scope {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static Scope of(String... values) {
        List<String> list = new ArrayList<>(values.length);
        Collections.addAll(list, values);
        return new Scope(list);
    }

    public int size() {
        return values.size();
    }

    /** The value of the dimension, or {@code null} for a value no layer names. */
    public String value(int dimension) {
        return values.get(dimension);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(values.get(i) == null ? "<other>" : values.get(i));
        }
        return out.append(')').toString();
    }
}
