package io.cascade.evaluator.flag;

import java.util.regex.Pattern;

/** The naming rules of flag and segment documents. All static. */
final class Names {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final int MAX_ENVIRONMENT_LENGTH = 128;

    private Names() {}

    /** Flag and segment keys: {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    static boolean isKey(String s) {
        return KEY.matcher(s).matches();
    }

    /** Variation names and rule ids: like keys, upper case allowed. */
    static boolean isId(String s) {
        return ID.matcher(s).matches();
    }

    /** Environment names follow dimension values: 1-128 characters, no {@code *}, control or bidi characters. */
    static boolean isEnvironment(String s) {
        if (s.isEmpty() || s.length() > MAX_ENVIRONMENT_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || Character.isISOControl(c) || isBidiControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061C'
                || c == '\u200E'
                || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    static String keyRule() {
        return "[a-z0-9][a-z0-9._-]{0,62}";
    }

    static String idRule() {
        return "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";
    }
}
