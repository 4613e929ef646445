package io.cascade.rules.ast;

import io.cascade.rules.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random span-less trees for property-style tests. Every choice comes from the given {@link Random},
 * so one seed always gives the same tree.
 *
 * <p>Covers every node kind and every {@link Operator}; string literals lean towards the characters
 * that need escaping (quotes, backslashes, control characters, lone surrogates) and also take any
 * UTF-16 unit or a supplementary code point; numbers mix small integers, two-decimal values, edge
 * values and arbitrary finite doubles; names avoid the language's keywords.
 */
final class RandomExpressions {

    /** Words the lexer reads as keywords, so they cannot be names. */
    private static final Set<String> KEYWORDS =
            Set.of("and", "or", "not", "in", "contains", "startsWith", "endsWith", "matches", "true", "false");

    private static final String NAME_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    private static final String NAME_REST = NAME_START + "0123456789-";
    private static final String DATE_TIME_TAIL = "0123456789TZ:.+-";
    private static final char[] AWKWARD_CHARS = {
        '"', '\\', '\n', '\t', '\r', '\0', '\u0001', '\u001f', '\u007f', ' ', '#', '/', '@', '(', ')', 'é', '\u2028',
        '\ud800', '\udbff', '\udc00', '\udfff', '\ufeff', '\uffff'
    };
    private static final double[] EDGE_NUMBERS = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        1e15,
        -1e15,
        1e15 - 1,
        1e15 + 2,
        1e-7,
        123456.789,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MIN_NORMAL,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Long.MAX_VALUE,
        Long.MIN_VALUE
    };

    private final Random random;

    RandomExpressions(Random random) {
        this.random = random;
    }

    /**
     * A tree with at most {@code depth} levels below its root: at each level a leaf (weight 3), comparison (3),
     * {@code and} (2), {@code or} (2), {@code not} (1), list (1) or call (1).
     */
    Expr expr(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Supplier<Expr> child = () -> expr(depth - 1);
        int pick = random.nextInt(13);
        if (pick < 3) {
            return leaf();
        }
        if (pick < 6) {
            return new Compare(child.get(), oneOf(Operator.values()), child.get(), Span.NONE);
        }
        if (pick < 8) {
            return new And(listOf(2, 3, child), Span.NONE);
        }
        if (pick < 10) {
            return new Or(listOf(2, 3, child), Span.NONE);
        }
        if (pick < 11) {
            return new Not(child.get(), Span.NONE);
        }
        if (pick < 12) {
            return new ListLiteral(listOf(0, 3, child), Span.NONE);
        }
        return new Call(identifier(), listOf(0, 3, child), Span.NONE);
    }

    /** A literal or an attribute path, each kind equally likely. */
    Expr leaf() {
        switch (random.nextInt(6)) {
            case 0:
                return new StringLiteral(string(8), Span.NONE);
            case 1:
                return new NumberLiteral(number(), Span.NONE);
            case 2:
                return new NumberLiteral(random.nextInt(2001) - 1000, Span.NONE);
            case 3:
                return new BooleanLiteral(random.nextBoolean(), Span.NONE);
            case 4:
                return new DateTimeLiteral(dateTimeText(), Span.NONE);
            default:
                return new Attribute(path(), Span.NONE);
        }
    }

    /** Up to {@code maxLength} UTF-16 units, lone surrogates included. */
    String string(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length + 1);
        while (out.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                out.append(AWKWARD_CHARS[random.nextInt(AWKWARD_CHARS.length)]);
            } else if (kind < 7) {
                out.append((char) (0x20 + random.nextInt(0x7f - 0x20)));
            } else if (kind == 9 && out.length() + 2 <= length) {
                out.appendCodePoint(0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0xffff));
            } else {
                out.append((char) random.nextInt(0x10000));
            }
        }
        return out.toString();
    }

    /** A finite double: an edge value, a two-decimal value, or any finite bit pattern. */
    double number() {
        switch (random.nextInt(4)) {
            case 0:
                return EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)];
            case 1:
                return (random.nextLong() % 100_000_000_000L) / 100.0;
            case 2:
                return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(41) - 20);
            default:
                double value;
                do {
                    value = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(value));
                return value;
        }
    }

    /** What follows the {@code @}: a digit, then up to 24 date-time characters. */
    String dateTimeText() {
        return random.nextInt(10) + chars(DATE_TIME_TAIL, random.nextInt(25));
    }

    /** One to three names joined by dots. */
    String path() {
        return String.join(".", listOf(1, 3, this::identifier));
    }

    /** A letter or underscore, then up to six letters, digits, {@code _} or {@code -}; never a keyword. */
    String identifier() {
        String name;
        do {
            name = chars(NAME_START, 1) + chars(NAME_REST, random.nextInt(7));
        } while (KEYWORDS.contains(name));
        return name;
    }

    private String chars(String alphabet, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private <T> List<T> listOf(int min, int max, Supplier<T> element) {
        int size = min + random.nextInt(max - min + 1);
        List<T> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(element.get());
        }
        return items;
    }

    private <T> T oneOf(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
