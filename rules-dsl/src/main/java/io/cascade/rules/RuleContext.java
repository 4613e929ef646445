package io.cascade.rules;

/**
 * What a compiled rule reads while it is tested: attributes, the clock and segment membership.
 *
 * <p>Implemented by the evaluator's evaluation context. Every method is called on the hot path, so
 * implementations answer from precomputed state and do not allocate. Rules compiled with an {@link
 * AttributeLayout} read attributes through the slot methods; their defaults read the path, so any
 * context works with any rule, and a context laid out by the rule's layout works faster.
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

    /**
     * This context's attributes laid out by {@code layout} ({@link AttributeLayout#cellsOf}), or null
     * when the context is not laid out by it. Compiled rules read the cells directly, so conditions
     * on attributes cost no call into the context; the array must not be changed.
     */
    default long[] cells(AttributeLayout layout) {
        return null;
    }

    /**
     * The attribute at {@code slot} of {@code layout}, whose path is {@code path}. A context laid out
     * by {@code layout} answers from its slots; any other reads the path.
     */
    default Object attribute(AttributeLayout layout, int slot, String path) {
        return attribute(path);
    }

    /** The attribute as a double, or NaN when it is absent or not a number; like {@link #attribute(AttributeLayout, int, String)}. */
    default double number(AttributeLayout layout, int slot, String path) {
        return attribute(path) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The attribute's {@linkplain AttributeLayout#symbolOf symbol} in {@code layout}. */
    default int symbol(AttributeLayout layout, int slot, String path) {
        return layout.symbolOf(attribute(path));
    }

    /**
     * Whether the string attribute at {@code slot} of {@code layout} is in the named segment, like
     * {@link #inSegment(String, String)}; called only when the attribute is a string. A context whose
     * segments were registered in the same layout tests the attribute's symbol instead of the string.
     */
    default boolean inSegment(AttributeLayout layout, int slot, String path, String segment) {
        return attribute(layout, slot, path) instanceof String value && inSegment(segment, value);
    }
}
