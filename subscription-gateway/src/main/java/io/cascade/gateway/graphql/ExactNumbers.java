package io.cascade.gateway.graphql;

import java.math.BigDecimal;

/**
 * Which JSON numbers the server keeps. Integers are kept exactly, whatever their size. A number
 * with a fraction or an exponent is kept as a 64-bit double, and written back as {@link
 * Double#toString(double)} writes it (Jackson's default); it is accepted only when that text has the
 * very value that was sent. So {@code 0.1} and {@code 1E2} are kept (read back as {@code 0.1} and
 * {@code 100.0}), while {@code 1e-400} (it would read back as {@code 0.0}) and {@code
 * 0.1000000000000000000000000001} (as {@code 0.1}) are refused rather than silently changed. All
 * static.
 */
public final class ExactNumbers {

    private ExactNumbers() {}

    /** The double that keeps the JSON number {@code text} exactly, or null when none does. */
    public static Double keep(String text) {
        return keep(new BigDecimal(text));
    }

    /** The double that keeps {@code value} exactly, or null when none does. */
    public static Double keep(BigDecimal value) {
        double kept = Double.parseDouble(value.toString());
        if (!Double.isFinite(kept)) {
            return null;
        }
        return new BigDecimal(Double.toString(kept)).compareTo(value) == 0 ? kept : null;
    }

    /** Why {@code value} cannot be kept, for a message. */
    public static String whyNot(BigDecimal value) {
        double kept = Double.parseDouble(value.toString());
        if (!Double.isFinite(kept)) {
            return "it is beyond the range of a 64-bit double";
        }
        return "it would read back as " + kept;
    }
}
