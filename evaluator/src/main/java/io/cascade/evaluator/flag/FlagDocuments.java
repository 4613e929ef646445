package io.cascade.evaluator.flag;

/**
 * Reads flag and segment documents, given as plain Java JSON values ({@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean}, {@code null}) such as Jackson's {@code
 * convertValue(x, Object.class)} produces.
 *
 * <p>This checks structure only: members, types, names, variation references and weights. Rule
 * conditions and segment references are checked by {@link FlagSet#compile}, which also reads the
 * documents through this class.
 */
public final class FlagDocuments {

    private FlagDocuments() {}

    /** Reads a flag document, reporting every problem with its JSON Pointer. */
    public static Parsed<Flag> parseFlag(Object document) {
        return new DocumentParser().flag(document);
    }

    /** Reads a segment document, reporting every problem with its JSON Pointer. */
    public static Parsed<Segment> parseSegment(Object document) {
        return new DocumentParser().segment(document);
    }
}
