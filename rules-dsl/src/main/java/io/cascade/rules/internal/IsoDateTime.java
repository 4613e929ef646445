package io.cascade.rules.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 date-times as epoch milliseconds: {@code 2026-12-01T00:00:00Z}, with any offset ({@code
 * +02:00}) and optional fractions, or a bare date {@code 2026-12-01} meaning midnight UTC. Parsing
 * allocates (java.time); callers keep it off the hot path or document it.
 */
public final class IsoDateTime {

    /** Returned for text that is not a date-time this class understands. */
    public static final long INVALID = Long.MIN_VALUE;

    private IsoDateTime() {}

    /** Epoch milliseconds of {@code text}, or {@link #INVALID}. */
    public static long parseMillis(String text) {
        try {
            if (text.indexOf('T') < 0) {
                return LocalDate.parse(text)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            }
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID;
        }
    }
}
