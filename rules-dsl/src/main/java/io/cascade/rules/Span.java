package io.cascade.rules;

/**
 * Where a piece of rule source sits: 1-based {@code line} and {@code column}, and the 0-based
 * offsets {@code start} (inclusive) and {@code end} (exclusive) into the source. Columns and
 * offsets count Unicode code points.
 */
public record Span(int line, int column, int start, int end) {

    /** The span of something that has no place in the source (synthesised nodes, stripped trees). */
    public static final Span NONE = new Span(0, 0, 0, 0);

    public Span {
        if (line < 0 || column < 0 || start < 0 || end < start) {
            throw new IllegalArgumentException(
                    "bad span: line=" + line + " column=" + column + " start=" + start + " end=" + end);
        }
    }

    /** A span covering both this one and {@code other}, positioned where this one starts. */
    public Span through(Span other) {
        return new Span(line, column, start, Math.max(end, other.end));
    }

    /** {@code line:column}, as diagnostics print it. */
    public String position() {
        return line + ":" + column;
    }
}
