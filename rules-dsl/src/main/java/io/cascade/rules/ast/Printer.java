package io.cascade.rules.ast;

import java.util.List;

/**
 * Turns a tree back into text. {@link #print} writes rule source with only the parentheses the
 * precedence needs, so that parsing the output gives an equal tree (spans aside). {@link #tree}
 * writes an indented outline with positions, for golden files and debugging.
 */
public final class Printer {

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int COMPARE = 3;
    private static final int NOT = 4;
    private static final int PRIMARY = 5;

    private Printer() {}

    /** Rule source for {@code expr}. */
    public static String print(Expr expr) {
        StringBuilder out = new StringBuilder();
        print(expr, OR, out);
        return out.toString();
    }

    /** An indented outline of {@code expr}, one node per line, each with its {@code line:column}. */
    public static String tree(Expr expr) {
        StringBuilder out = new StringBuilder();
        tree(expr, 0, out);
        return out.toString();
    }

    /** {@code value} as a string literal, quoted and escaped. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> appendEscaped(cp, out));
        return out.append('"').toString();
    }

    /** {@code value} as a number literal: integral values without a fraction. */
    public static String number(double value) {
        boolean integral = value == Math.rint(value) && Math.abs(value) < 1e15;
        boolean negativeZero = Double.doubleToRawLongBits(value) == Long.MIN_VALUE;
        if (integral && !negativeZero) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void print(Expr expr, int context, StringBuilder out) {
        int level = level(expr);
        if (level < context) {
            out.append('(');
        }
        expr.accept(new SourceWriter(out));
        if (level < context) {
            out.append(')');
        }
    }

    private static int level(Expr expr) {
        if (expr instanceof Or) {
            return OR;
        }
        if (expr instanceof And) {
            return AND;
        }
        if (expr instanceof Compare) {
            return COMPARE;
        }
        if (expr instanceof Not) {
            return NOT;
        }
        return PRIMARY;
    }

    private static void appendEscaped(int cp, StringBuilder out) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            default -> {
                if (cp < 0x20 || cp == 0x7f || (cp <= 0xffff && Character.isSurrogate((char) cp))) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }

    private static final class SourceWriter implements Visitor<Void> {
        private final StringBuilder out;

        SourceWriter(StringBuilder out) {
            this.out = out;
        }

        @Override
        public Void visitString(StringLiteral node) {
            out.append(quote(node.value()));
            return null;
        }

        @Override
        public Void visitNumber(NumberLiteral node) {
            out.append(number(node.value()));
            return null;
        }

        @Override
        public Void visitBoolean(BooleanLiteral node) {
            out.append(node.value());
            return null;
        }

        @Override
        public Void visitDateTime(DateTimeLiteral node) {
            out.append('@').append(node.text());
            return null;
        }

        @Override
        public Void visitList(ListLiteral node) {
            out.append('[');
            commaSeparated(node.elements());
            out.append(']');
            return null;
        }

        @Override
        public Void visitAttribute(Attribute node) {
            out.append(node.path());
            return null;
        }

        @Override
        public Void visitCall(Call node) {
            out.append(node.function()).append('(');
            commaSeparated(node.arguments());
            out.append(')');
            return null;
        }

        @Override
        public Void visitCompare(Compare node) {
            print(node.left(), NOT, out);
            out.append(' ').append(node.operator().symbol()).append(' ');
            print(node.right(), NOT, out);
            return null;
        }

        @Override
        public Void visitAnd(And node) {
            joined(node.operands(), " and ", COMPARE);
            return null;
        }

        @Override
        public Void visitOr(Or node) {
            joined(node.operands(), " or ", AND);
            return null;
        }

        @Override
        public Void visitNot(Not node) {
            out.append("not ");
            print(node.operand(), NOT, out);
            return null;
        }

        private void commaSeparated(List<Expr> items) {
            joined(items, ", ", OR);
        }

        private void joined(List<Expr> items, String separator, int context) {
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(separator);
                }
                print(items.get(i), context, out);
            }
        }
    }

    private static void tree(Expr expr, int depth, StringBuilder out) {
        out.append("  ".repeat(depth))
                .append(expr.accept(new Label()))
                .append(" @")
                .append(expr.span().position());
        out.append('\n');
        for (Expr child : children(expr)) {
            tree(child, depth + 1, out);
        }
    }

    private static List<Expr> children(Expr expr) {
        if (expr instanceof ListLiteral list) {
            return list.elements();
        }
        if (expr instanceof Call call) {
            return call.arguments();
        }
        if (expr instanceof Compare compare) {
            return List.of(compare.left(), compare.right());
        }
        if (expr instanceof And and) {
            return and.operands();
        }
        if (expr instanceof Or or) {
            return or.operands();
        }
        if (expr instanceof Not not) {
            return List.of(not.operand());
        }
        return List.of();
    }

    private static final class Label implements Visitor<String> {
        @Override
        public String visitString(StringLiteral node) {
            return "String " + quote(node.value());
        }

        @Override
        public String visitNumber(NumberLiteral node) {
            return "Number " + number(node.value());
        }

        @Override
        public String visitBoolean(BooleanLiteral node) {
            return "Boolean " + node.value();
        }

        @Override
        public String visitDateTime(DateTimeLiteral node) {
            return "DateTime @" + node.text();
        }

        @Override
        public String visitList(ListLiteral node) {
            return "List";
        }

        @Override
        public String visitAttribute(Attribute node) {
            return "Attribute " + node.path();
        }

        @Override
        public String visitCall(Call node) {
            return "Call " + node.function();
        }

        @Override
        public String visitCompare(Compare node) {
            return "Compare " + node.operator().symbol();
        }

        @Override
        public String visitAnd(And node) {
            return "And";
        }

        @Override
        public String visitOr(Or node) {
            return "Or";
        }

        @Override
        public String visitNot(Not node) {
            return "Not";
        }
    }
}
