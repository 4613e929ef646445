package io.cascade.rules.compile;

import io.cascade.rules.internal.IsoDateTime;
import java.time.Instant;
import java.util.List;
import java.util.RandomAccess;

/** Conversions and equality of raw attribute values, without boxing. */
final class Values {

    private Values() {}

    static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Instants as themselves, numbers as epoch milliseconds, strings parsed as ISO-8601 (allocates). */
    static long millis(Object value) {
        if (value instanceof Instant instant) {
            return instantMillis(instant);
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            long millis = IsoDateTime.parseMillis(s);
            return millis == IsoDateTime.INVALID ? Operand.NO_INSTANT : millis;
        }
        return Operand.NO_INSTANT;
    }

    private static long instantMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return Operand.NO_INSTANT;
        }
    }

    /** Equality of two scalars: strings and booleans by value, numbers as doubles. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x) {
            return b instanceof Number y && x.doubleValue() == y.doubleValue();
        }
        return a != null && a.equals(b);
    }

    /** Whether {@code list} holds an element {@linkplain #same the same as} {@code item}. */
    static boolean listHolds(List<?> list, Object item) {
        if (list instanceof RandomAccess) {
            for (int i = 0, n = list.size(); i < n; i++) {
                if (same(item, list.get(i))) {
                    return true;
                }
            }
            return false;
        }
        for (Object element : list) {
            if (same(item, element)) {
                return true;
            }
        }
        return false;
    }
}
