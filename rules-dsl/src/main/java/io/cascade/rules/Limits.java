package io.cascade.rules;

/**
 * Bounds on rule source, checked before and during parsing. Exceeding one gives a {@link
 * Diagnostic#LIMIT_EXCEEDED} diagnostic that names the limit.
 *
 * @param maxSourceBytes the largest source, in UTF-8 bytes (default 4096)
 * @param maxDepth the deepest nesting; each parenthesised group, list, function call and {@code
 *     not} is one level (default 32)
 * @param maxListItems the most items in one list literal (default 1000)
 */
public record Limits(int maxSourceBytes, int maxDepth, int maxListItems) {

    private static final Limits DEFAULTS = new Limits(4096, 32, 1000);

    public Limits {
        requirePositive("maxSourceBytes", maxSourceBytes);
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxListItems", maxListItems);
    }

    /** 4 KiB of source, depth 32, 1000 list items. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    public Limits withMaxSourceBytes(int value) {
        return new Limits(value, maxDepth, maxListItems);
    }

    public Limits withMaxDepth(int value) {
        return new Limits(maxSourceBytes, value, maxListItems);
    }

    public Limits withMaxListItems(int value) {
        return new Limits(maxSourceBytes, maxDepth, value);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }
}
