package io.cascade.rules.check;

/**
 * An upper estimate of how many instructions RE2/J compiles a pattern to, read from the pattern's
 * text without compiling it: compiling {@code (\w{1000}){1000}} alone builds a million
 * instructions, and matching costs time proportional to the input times the program. Follows the
 * size RE2's own parser computes (Go's {@code regexp/syntax} {@code calcSize}): a literal character,
 * class or assertion is one instruction; a capturing group adds two; {@code x*} adds two to {@code
 * x}; {@code x+} and {@code x?} add one; {@code x{n,m}} is {@code m} copies of {@code x} plus
 * {@code m - n}; {@code x{n,}} is {@code n} copies plus one; {@code a|b} adds one per bar. The
 * whole program adds the few instructions of its start and match.
 *
 * <p>The estimate only needs to be right for patterns RE2/J accepts; the pattern is compiled (and
 * any syntax error reported) only when the estimate is within the limit. Text that does not form a
 * counted repetition ({@code a{,3}}, {@code {x}}) is literal characters, as in RE2. Saturates at
 * {@link Long#MAX_VALUE}. One instance reads one pattern.
 */
final class RegexProgramSize {

    /** Instructions every program has besides the pattern's own: fail, the capture of the whole match, match. */
    private static final long PROGRAM = 4;

    private final String pattern;
    private int at;
    /** The counted repetition {@link #counted()} found: its bounds ({@code max} -1 for none) and where it ends. */
    private long min;

    private long max;
    private int countedEnd;

    private RegexProgramSize(String pattern) {
        this.pattern = pattern;
    }

    /** The estimated number of instructions of {@code pattern}'s compiled program. */
    static long of(String pattern) {
        RegexProgramSize reader = new RegexProgramSize(pattern);
        long size = 0;
        while (reader.at < pattern.length()) {
            size = add(size, reader.alternation());
            reader.at++; // a ')' without its '(': RE2/J refuses the pattern when it compiles
        }
        return add(size, PROGRAM);
    }

    /** {@code a|b|c} up to a closing parenthesis or the end. */
    private long alternation() {
        long size = concatenation();
        while (more() && peek() == '|') {
            at++;
            size = add(add(size, concatenation()), 1);
        }
        return size;
    }

    private long concatenation() {
        long size = 0;
        while (more() && peek() != '|' && peek() != ')') {
            size = add(size, repeated(atom()));
        }
        return size;
    }

    private long atom() {
        char c = pattern.charAt(at++);
        switch (c) {
            case '(':
                return group();
            case '[':
                skipClass();
                return 1;
            case '\\':
                return escape();
            default:
                if (Character.isHighSurrogate(c) && more() && Character.isLowSurrogate(peek())) {
                    at++;
                }
                return 1;
        }
    }

    /** After {@code (}: a capturing, named or non-capturing group, or a flag setting such as {@code (?i)}. */
    private long group() {
        boolean capturing = true;
        if (more() && peek() == '?') {
            at++;
            if (more() && (peek() == 'P' || peek() == '<') && pattern.indexOf('>', at) > 0) {
                at = pattern.indexOf('>', at) + 1; // (?P<name> or (?<name>
            } else {
                while (more() && peek() != ':' && peek() != ')') {
                    at++; // flags such as i, m, s, U, -
                }
                if (more() && peek() == ')') {
                    at++;
                    return 0; // (?i): sets flags, matches nothing
                }
                at++; // ':'
                capturing = false;
            }
        }
        long size = alternation();
        if (more()) {
            at++; // ')'
        }
        return capturing ? add(size, 2) : size;
    }

    /** After {@code [}: to the {@code ]} that ends the class; a {@code ]} first in the class is literal. */
    private void skipClass() {
        if (more() && peek() == '^') {
            at++;
        }
        boolean first = true;
        while (more() && (peek() != ']' || first)) {
            first = false;
            if (pattern.startsWith("[:", at) && pattern.indexOf(":]", at + 2) > 0) {
                at = pattern.indexOf(":]", at + 2) + 2; // [:alpha:]
            } else if (peek() == '\\') {
                at++;
                skipEscapeBody();
            } else {
                at++;
            }
        }
        at++; // ']'
    }

    /** After a backslash outside a class: {@code \Q...\E} is that many literals, anything else one. */
    private long escape() {
        if (more() && peek() == 'Q') {
            int end = pattern.indexOf("\\E", at + 1);
            int stop = end < 0 ? pattern.length() : end;
            long literals = pattern.codePointCount(at + 1, stop);
            at = end < 0 ? stop : end + 2;
            return Math.max(1, literals);
        }
        skipEscapeBody();
        return 1;
    }

    /** The rest of an escape after its backslash: {@code \x{10FFFF}}, {@code \p{Greek}}, {@code \pL}, {@code \d}, ... */
    private void skipEscapeBody() {
        if (!more()) {
            return;
        }
        char c = pattern.charAt(at++);
        if ((c == 'x' || c == 'p' || c == 'P') && more() && peek() == '{') {
            int close = pattern.indexOf('}', at);
            at = close < 0 ? pattern.length() : close + 1;
        } else if ((c == 'p' || c == 'P') && more()) {
            at++;
        }
    }

    /** Applies the repetition operators after an atom: {@code * + ? {n} {n,} {n,m}}, each maybe followed by {@code ?}. */
    private long repeated(long atom) {
        long size = atom;
        while (more()) {
            char c = peek();
            if (c == '*') {
                at++;
                size = add(size, 2);
            } else if (c == '+' || c == '?') {
                at++;
                size = add(size, 1);
            } else if (c == '{' && counted()) {
                size = countedSize(size);
            } else {
                return size;
            }
            if (more() && peek() == '?') {
                at++; // non-greedy
            }
        }
        return size;
    }

    /** Whether a counted repetition {@code {n}}, {@code {n,}} or {@code {n,m}} starts here; sets min, max (-1: none), countedEnd. */
    private boolean counted() {
        int i = at + 1;
        int digits = i;
        while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return false;
        }
        min = number(digits, i);
        max = min;
        if (i < pattern.length() && pattern.charAt(i) == ',') {
            int from = ++i;
            while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
                i++;
            }
            max = i == from ? -1 : number(from, i);
        }
        if (i >= pattern.length() || pattern.charAt(i) != '}') {
            return false;
        }
        countedEnd = i + 1;
        return true;
    }

    private long countedSize(long sub) {
        at = countedEnd;
        if (max == -1) {
            return min == 0 ? add(sub, 2) : add(multiply(sub, min), 1);
        }
        return add(multiply(sub, max), Math.max(0, max - min));
    }

    /** The decimal number in {@code pattern[from, to)}, capped so that products saturate instead of overflowing. */
    private long number(int from, int to) {
        if (to - from > 9) {
            return 1_000_000_000L;
        }
        return Long.parseLong(pattern.substring(from, to));
    }

    private boolean more() {
        return at < pattern.length();
    }

    private char peek() {
        return pattern.charAt(at);
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        if (a != 0 && b > Long.MAX_VALUE / a) {
            return Long.MAX_VALUE;
        }
        return a * b;
    }
}
