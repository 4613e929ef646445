package io.cascade.rules;

/**
 * What a compiled rule reads while it is tested: attributes, the clock and segment membership.
 *
 * <p>Implemented by the evaluator's evaluation context. Every method is called on the hot path, so
 * implementations answer from precomputed state and do not allocate.
 */
public interface RuleContext {

    /**
     * The value of an attribute, addressed by its dotted path ({@code user.tier}); {@code null}
     * when the context has no such attribute.
     *
     * <p>Values are {@link String}, {@link Boolean}, {@link Number} (any subtype), {@link
     * java.util.List} of those, or {@link java.time.Instant} for date-times.
     */
    Object attribute(String path);

    /** The current time in epoch milliseconds, as {@code now()} sees it. */
    long nowMillis();

    /**
     * Whether {@code value} is in the named segment (its {@code included} keys, else not {@code
     * excluded} and its condition holds for this context). An unknown segment is not a member.
     */
    boolean inSegment(String segment, String value);
}
