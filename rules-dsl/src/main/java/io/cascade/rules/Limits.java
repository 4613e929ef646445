package io.cascade.rules;

/**
 * Bounds on rule source, checked before and during parsing. Exceeding one gives a {@link
 * Diagnostic#LIMIT_EXCEEDED} diagnostic that names the limit.
 *
 * @param maxSourceBytes the largest source, in UTF-8 bytes (default 4096)
 * @param maxDepth the deepest nesting; each parenthesised group, list, function call and {@code
 *     not} is one level (default 32)
 * @param maxListItems the most items in one list literal (default 1000)
 * @param maxRegexProgramSize the most instructions the compiled program of one {@code matches}
 *     pattern may have (default 500), estimated from the pattern before it is compiled: matching
 *     costs time proportional to the input times the program, and compiling a pattern such as
 *     {@code (\w{1000}){1000}} alone builds a million instructions. Roughly, the pattern with every
 *     counted repetition written out: {@code [a-z]{1,100}} is about 200, {@code (\w{10}){100}}
 *     about 1 200.
 */
public record Limits(int maxSourceBytes, int maxDepth, int maxListItems, int maxRegexProgramSize) {

    private static final Limits DEFAULTS = new Limits(4096, 32, 1000, 500);

    public Limits {
        requirePositive("maxSourceBytes", maxSourceBytes);
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxListItems", maxListItems);
        requirePositive("maxRegexProgramSize", maxRegexProgramSize);
    }

    /** 4 KiB of source, depth 32, 1000 list items, regex programs of 500 instructions. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    public Limits withMaxSourceBytes(int value) {
        return new Limits(value, maxDepth, maxListItems, maxRegexProgramSize);
    }

    public Limits withMaxDepth(int value) {
        return new Limits(maxSourceBytes, value, maxListItems, maxRegexProgramSize);
    }

    public Limits withMaxListItems(int value) {
        return new Limits(maxSourceBytes, maxDepth, value, maxRegexProgramSize);
    }

    public Limits withMaxRegexProgramSize(int value) {
        return new Limits(maxSourceBytes, maxDepth, maxListItems, value);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }
}
