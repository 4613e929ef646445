package io.cascade.cli.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table: upper-case headers, left-aligned columns two spaces apart, no trailing
 * blanks. Cells are single-line; line breaks in a value print as spaces. Not thread-safe.
 */
public final class Table {

    private static final int MAX_CELL = 80;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    /** A table with these column headers. */
    public static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Adds a row; it must have one value per column ({@code null} prints as {@code -}). */
    public Table row(Object... values) {
        if (values.length != headers.size()) {
            throw new IllegalArgumentException(
                    "expected " + headers.size() + " values, got " + Arrays.toString(values));
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object value : values) {
            row.add(cell(value));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, one line per row after the header, each line ending in a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    /** Two columns without a header: a name, then its value. */
    public static String properties(List<String[]> pairs) {
        int width = 0;
        for (String[] pair : pairs) {
            width = Math.max(width, pair[0].length());
        }
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            String line = pad(pair[0], width) + "  " + cell(pair[1]);
            out.append(line.stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String cell(Object value) {
        String text = Objects.toString(value, "-")
                .replace("\r\n", " ")
                .replace('\n', ' ')
                .replace('\r', ' ');
        if (text.isEmpty()) {
            return "-";
        }
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
    }
}
