package io.cascade.rules;

/**
 * The one place the name and text rules of Cascade live, for every module: the server's API, the
 * flag documents, the rules language, the gateway and the client all ask here. All static.
 *
 * <ul>
 *   <li>Names (namespaces, dimensions, flags, segments): {@value #NAME_RULE}.
 *   <li>Ids (variations, rule ids): {@value #ID_RULE}.
 *   <li>Dimension values (in selectors and scopes, and environment names): 1–128 characters, no
 *       {@code *}, no control characters, no bidi controls, no lone UTF-16 surrogates.
 *   <li>Host ids: {@value #HOST_ID_RULE}.
 *   <li>Printable text (messages, descriptions): no control characters (newline and tab allowed
 *       where text may span lines), no bidi controls, no lone surrogates.
 * </ul>
 */
public final class Names {

    public static final String NAME_RULE = "[a-z0-9][a-z0-9._-]{0,62}";
    public static final String ID_RULE = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";
    public static final String HOST_ID_RULE = "[A-Za-z0-9._:-]{1,128}";
    public static final int MAX_DIMENSION_VALUE_LENGTH = 128;

    private Names() {}

    /** Namespaces, dimensions, flags and segments: {@value #NAME_RULE}. */
    public static boolean isName(String s) {
        if (s == null || s.isEmpty() || s.length() > 63 || !isLowerAlnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isLowerAlnum(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Variation names and rule ids: {@value #ID_RULE}. */
    public static boolean isId(String s) {
        if (s == null || s.isEmpty() || s.length() > 63 || !isAlnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Host ids: {@value #HOST_ID_RULE}. */
    public static boolean isHostId(String s) {
        if (s == null || s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** A value of a dimension, an environment name among them. */
    public static boolean isDimensionValue(String s) {
        return s != null
                && !s.isEmpty()
                && s.length() <= MAX_DIMENSION_VALUE_LENGTH
                && s.indexOf('*') < 0
                && firstForbidden(s, false) < 0;
    }

    /** Whether text has no control, bidi or lone-surrogate characters (newline and tab allowed when {@code multiline}). */
    public static boolean isPrintable(String text, boolean multiline) {
        return firstForbidden(text, multiline) < 0;
    }

    /** The index of the first control, bidi or lone-surrogate character, or -1. */
    public static int firstForbidden(String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (multiline && (c == '\n' || c == '\t')) {
                continue;
            }
            if (Character.isISOControl(c) || isBidiControl(c)) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The invisible characters that reorder text (Trojan Source). */
    public static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E'
                || c == '\u200F'
                || c == '\u061C';
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }
}
