package io.cascade.rules.internal;

/**
 * Semantic versions read in place from any {@link CharSequence}: no substring, no split, no
 * allocation, so comparing an attribute against a literal stays off the heap.
 *
 * <p>Accepted form, a lenient SemVer 2.0: an optional {@code v}, one to three numeric parts
 * ({@code 2}, {@code 2.3}, {@code 2.3.0}; missing parts are 0; at most 18 digits each), an optional
 * {@code -prerelease} and an optional {@code +build} of dot-separated {@code [0-9A-Za-z-]}
 * identifiers. Ordering follows SemVer 2.0 §11: numeric parts numerically, a prerelease sorts
 * before its release, prerelease identifiers compare numerically when both are numeric, else
 * numeric before alphanumeric, else in ASCII order; build metadata is ignored.
 */
public final class Semver {

    private static final int NOT_VALID = -1;

    private Semver() {}

    /** Whether {@code s} is a version this class understands. */
    public static boolean isValid(CharSequence s) {
        int n = s.length();
        int i = skipPrefix(s);
        for (int part = 0; part < 3; part++) {
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 18) {
                return false;
            }
            if (part == 2 || i >= n || s.charAt(i) != '.') {
                break;
            }
            i++;
        }
        if (i < n && s.charAt(i) == '-') {
            i = identifiersEnd(s, i + 1);
        }
        if (i >= 0 && i < n && s.charAt(i) == '+') {
            i = identifiersEnd(s, i + 1);
        }
        return i == n;
    }

    /**
     * Compares two versions that are both {@linkplain #isValid valid}: negative, zero or positive
     * as {@code a} is lower than, equal to or higher than {@code b}.
     */
    public static int compare(CharSequence a, CharSequence b) {
        int i = skipPrefix(a);
        int j = skipPrefix(b);
        for (int part = 0; part < 3; part++) {
            long x = 0;
            while (i < a.length() && isDigit(a.charAt(i))) {
                x = x * 10 + (a.charAt(i++) - '0');
            }
            long y = 0;
            while (j < b.length() && isDigit(b.charAt(j))) {
                y = y * 10 + (b.charAt(j++) - '0');
            }
            if (x != y) {
                return Long.compare(x, y);
            }
            i = skipDot(a, i);
            j = skipDot(b, j);
        }
        boolean aPre = i < a.length() && a.charAt(i) == '-';
        boolean bPre = j < b.length() && b.charAt(j) == '-';
        if (aPre != bPre) {
            return aPre ? -1 : 1;
        }
        return aPre ? comparePrerelease(a, i + 1, b, j + 1) : 0;
    }

    private static int comparePrerelease(CharSequence a, int i, CharSequence b, int j) {
        int aEnd = prereleaseEnd(a, i);
        int bEnd = prereleaseEnd(b, j);
        while (true) {
            boolean aDone = i >= aEnd;
            boolean bDone = j >= bEnd;
            if (aDone || bDone) {
                return Boolean.compare(!aDone, !bDone);
            }
            int ai = identifierEnd(a, i, aEnd);
            int bj = identifierEnd(b, j, bEnd);
            int c = compareIdentifier(a, i, ai, b, j, bj);
            if (c != 0) {
                return c;
            }
            i = ai + 1;
            j = bj + 1;
        }
    }

    private static int compareIdentifier(CharSequence a, int i, int aEnd, CharSequence b, int j, int bEnd) {
        boolean aNumeric = isNumeric(a, i, aEnd);
        boolean bNumeric = isNumeric(b, j, bEnd);
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        if (aNumeric) {
            i = skipZeros(a, i, aEnd);
            j = skipZeros(b, j, bEnd);
            if (aEnd - i != bEnd - j) {
                return Integer.compare(aEnd - i, bEnd - j);
            }
        }
        while (i < aEnd && j < bEnd) {
            int c = Character.compare(a.charAt(i++), b.charAt(j++));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(aEnd - i, bEnd - j);
    }

    private static int identifiersEnd(CharSequence s, int i) {
        int n = s.length();
        while (true) {
            int start = i;
            while (i < n && isIdentifierChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return NOT_VALID;
            }
            if (i >= n || s.charAt(i) != '.') {
                return i;
            }
            i++;
        }
    }

    private static int prereleaseEnd(CharSequence s, int i) {
        while (i < s.length() && s.charAt(i) != '+') {
            i++;
        }
        return i;
    }

    private static int identifierEnd(CharSequence s, int i, int end) {
        while (i < end && s.charAt(i) != '.') {
            i++;
        }
        return i;
    }

    private static boolean isNumeric(CharSequence s, int i, int end) {
        for (int k = i; k < end; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int skipZeros(CharSequence s, int i, int end) {
        while (i < end - 1 && s.charAt(i) == '0') {
            i++;
        }
        return i;
    }

    private static int skipPrefix(CharSequence s) {
        return s.length() > 0 && (s.charAt(0) == 'v' || s.charAt(0) == 'V') ? 1 : 0;
    }

    private static int skipDot(CharSequence s, int i) {
        return i < s.length() && s.charAt(i) == '.' ? i + 1 : i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierChar(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }
}
