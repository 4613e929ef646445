package io.cascade.rules.parse;

import io.cascade.rules.Diagnostic;
import io.cascade.rules.Limits;
import io.cascade.rules.Span;
import io.cascade.rules.ast.And;
import io.cascade.rules.ast.Attribute;
import io.cascade.rules.ast.BooleanLiteral;
import io.cascade.rules.ast.Call;
import io.cascade.rules.ast.Compare;
import io.cascade.rules.ast.DateTimeLiteral;
import io.cascade.rules.ast.Expr;
import io.cascade.rules.ast.ListLiteral;
import io.cascade.rules.ast.Not;
import io.cascade.rules.ast.NumberLiteral;
import io.cascade.rules.ast.Operator;
import io.cascade.rules.ast.Or;
import io.cascade.rules.ast.StringLiteral;
import io.cascade.rules.internal.antlr.CascadeRulesBaseVisitor;
import io.cascade.rules.internal.antlr.CascadeRulesLexer;
import io.cascade.rules.internal.antlr.CascadeRulesParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTreeListener;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Source text to {@link Expr}: the one place that sees ANTLR's tokens and contexts.
 *
 * <p>Bounds, in order: the source size is checked before lexing; nesting depth is checked while
 * parsing (so a deep input cannot exhaust the stack); parsing stops after {@value
 * #MAX_SYNTAX_ERRORS} syntax errors; list length is checked while building the tree. ANTLR's
 * console listeners are removed; every problem becomes a {@link Diagnostic}.
 *
 * <p>Stateless and thread-safe: each call builds its own lexer and parser.
 */
public final class AstBuilder {

    /** Parsing stops after this many syntax errors: the rest are usually echoes of the first. */
    public static final int MAX_SYNTAX_ERRORS = 10;

    private AstBuilder() {}

    /** Parses {@code source} within {@code limits}. */
    public static ParseResult parse(String source, Limits limits) {
        int bytes = utf8Length(source);
        if (bytes > limits.maxSourceBytes()) {
            return ParseResult.failed(List.of(Diagnostic.error(
                    Diagnostic.LIMIT_EXCEEDED,
                    new Span(1, 1, 0, 0),
                    "rule source is " + bytes + " bytes, more than the limit of " + limits.maxSourceBytes()
                            + " (maxSourceBytes)")));
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        CascadeRulesParser.RootContext root = parseTree(source, limits, diagnostics);
        if (root == null || !diagnostics.isEmpty()) {
            return ParseResult.failed(diagnostics);
        }
        TreeBuilder builder = new TreeBuilder(limits, diagnostics);
        Expr expr = builder.visit(root.expr());
        boolean syntaxError = diagnostics.stream().anyMatch(d -> d.code().equals(Diagnostic.SYNTAX_ERROR));
        return new ParseResult(syntaxError ? Optional.empty() : Optional.of(expr), diagnostics);
    }

    private static CascadeRulesParser.RootContext parseTree(
            String source, Limits limits, List<Diagnostic> diagnostics) {
        ErrorCollector errors = new ErrorCollector(diagnostics);
        CascadeRulesLexer lexer = new CascadeRulesLexer(CharStreams.fromString(source));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CascadeRulesParser parser = new CascadeRulesParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        parser.addParseListener(new DepthGuard(limits.maxDepth(), diagnostics));
        try {
            return parser.root();
        } catch (Abort stop) {
            return null;
        }
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static Span span(Token token) {
        int start = token.getStartIndex();
        int end = Math.max(start, token.getStopIndex() + 1);
        return new Span(token.getLine(), token.getCharPositionInLine() + 1, start, end);
    }

    private static Span span(ParserRuleContext ctx) {
        Token first = ctx.getStart();
        Token last = ctx.getStop();
        Span start = span(first);
        return last == null ? start : start.through(span(last));
    }

    /** Stops the parse; stackless, it never leaves this class. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }

    /** Turns ANTLR's syntax errors into diagnostics, and gives up after too many. */
    private static final class ErrorCollector extends BaseErrorListener {
        private final List<Diagnostic> diagnostics;

        ErrorCollector(List<Diagnostic> diagnostics) {
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int charPositionInLine,
                String msg,
                RecognitionException e) {
            Span span;
            String message;
            if (offendingSymbol instanceof Token token) {
                span = span(token);
                message = token.getType() == CascadeRulesLexer.UNTERMINATED_STRING
                        ? "unterminated string literal"
                        : parserMessage(msg);
            } else {
                int start = recognizer instanceof Lexer lexer ? lexer._tokenStartCharIndex : 0;
                span = new Span(line, charPositionInLine + 1, start, start + 1);
                message = msg.replace("token recognition error at: ", "unexpected character ");
            }
            diagnostics.add(Diagnostic.error(Diagnostic.SYNTAX_ERROR, span, message));
            if (diagnostics.size() >= MAX_SYNTAX_ERRORS) {
                throw new Abort();
            }
        }

        /** ANTLR's wording, made plainer: "unexpected 'x'; expected one of ...". */
        private static String parserMessage(String msg) {
            String text = msg.replace("'<EOF>'", "end of input")
                    .replace("<EOF>", "end of input")
                    .replaceAll("\\bIDENT\\b", "name")
                    .replaceAll("\\bNUMBER\\b", "number")
                    .replaceAll("\\bSTRING\\b", "string")
                    .replaceAll("\\bDATETIME\\b", "date-time");
            text = text.replaceFirst(
                            "^(?:mismatched|extraneous) input (.*) expecting (.*)$", "unexpected $1; expected $2")
                    .replaceFirst("^no viable alternative at input (.*)$", "unexpected input $1")
                    .replaceFirst("^missing (.*) at (.*)$", "missing $1 before $2");
            return text.replaceFirst("expected \\{(.*)}$", "expected one of $1");
        }
    }

    /**
     * Counts nesting while the parser runs, so that a deeply nested input is refused before it can
     * exhaust the stack. Groups, lists, calls and {@code not} each add a level.
     */
    private static final class DepthGuard implements ParseTreeListener {
        private final int maxDepth;
        private final List<Diagnostic> diagnostics;
        private int depth;

        DepthGuard(int maxDepth, List<Diagnostic> diagnostics) {
            this.maxDepth = maxDepth;
            this.diagnostics = diagnostics;
        }

        @Override
        public void enterEveryRule(ParserRuleContext ctx) {
            if (!nests(ctx)) {
                return;
            }
            depth++;
            if (depth > maxDepth) {
                diagnostics.add(Diagnostic.error(
                        Diagnostic.LIMIT_EXCEEDED,
                        span(ctx.getStart()),
                        "rule nests deeper than the limit of " + maxDepth + " (maxDepth)"));
                throw new Abort();
            }
        }

        @Override
        public void exitEveryRule(ParserRuleContext ctx) {
            if (nests(ctx)) {
                depth--;
            }
        }

        @Override
        public void visitTerminal(TerminalNode node) {}

        @Override
        public void visitErrorNode(ErrorNode node) {}

        private static boolean nests(ParserRuleContext ctx) {
            int rule = ctx.getRuleIndex();
            return rule == CascadeRulesParser.RULE_group
                    || rule == CascadeRulesParser.RULE_list
                    || rule == CascadeRulesParser.RULE_call
                    || rule == CascadeRulesParser.RULE_notExpr;
        }
    }

    /** Builds the tree from a parse tree known to be free of syntax errors. */
    private static final class TreeBuilder extends CascadeRulesBaseVisitor<Expr> {
        private final Limits limits;
        private final List<Diagnostic> diagnostics;

        TreeBuilder(Limits limits, List<Diagnostic> diagnostics) {
            this.limits = limits;
            this.diagnostics = diagnostics;
        }

        @Override
        public Expr visitExpr(CascadeRulesParser.ExprContext ctx) {
            List<Expr> operands = visitAll(ctx.andExpr());
            return operands.size() == 1 ? operands.get(0) : new Or(operands, span(ctx));
        }

        @Override
        public Expr visitAndExpr(CascadeRulesParser.AndExprContext ctx) {
            List<Expr> operands = visitAll(ctx.comparison());
            return operands.size() == 1 ? operands.get(0) : new And(operands, span(ctx));
        }

        @Override
        public Expr visitComparison(CascadeRulesParser.ComparisonContext ctx) {
            Expr left = visit(ctx.unary(0));
            if (ctx.compareOp() == null) {
                return left;
            }
            return new Compare(left, operator(ctx.compareOp()), visit(ctx.unary(1)), span(ctx));
        }

        @Override
        public Expr visitUnary(CascadeRulesParser.UnaryContext ctx) {
            return ctx.notExpr() != null ? visit(ctx.notExpr()) : visit(ctx.primary());
        }

        @Override
        public Expr visitNotExpr(CascadeRulesParser.NotExprContext ctx) {
            return new Not(visit(ctx.unary()), span(ctx));
        }

        @Override
        public Expr visitPrimary(CascadeRulesParser.PrimaryContext ctx) {
            return visit(ctx.getChild(0));
        }

        @Override
        public Expr visitGroup(CascadeRulesParser.GroupContext ctx) {
            return visit(ctx.expr());
        }

        @Override
        public Expr visitList(CascadeRulesParser.ListContext ctx) {
            List<CascadeRulesParser.ExprContext> items = ctx.expr();
            if (items.size() > limits.maxListItems()) {
                diagnostics.add(Diagnostic.error(
                        Diagnostic.LIMIT_EXCEEDED,
                        span(items.get(limits.maxListItems())),
                        "list has " + items.size() + " items, more than the limit of " + limits.maxListItems()
                                + " (maxListItems)"));
            }
            return new ListLiteral(visitAll(items), span(ctx));
        }

        @Override
        public Expr visitCall(CascadeRulesParser.CallContext ctx) {
            return new Call(ctx.IDENT().getText(), visitAll(ctx.expr()), span(ctx));
        }

        @Override
        public Expr visitPath(CascadeRulesParser.PathContext ctx) {
            return new Attribute(ctx.getText(), span(ctx));
        }

        @Override
        public Expr visitLiteral(CascadeRulesParser.LiteralContext ctx) {
            Token token = ctx.getStart();
            Span span = span(token);
            switch (token.getType()) {
                case CascadeRulesLexer.TRUE:
                    return new BooleanLiteral(true, span);
                case CascadeRulesLexer.FALSE:
                    return new BooleanLiteral(false, span);
                case CascadeRulesLexer.NUMBER:
                    return number(token, span);
                case CascadeRulesLexer.DATETIME:
                    return new DateTimeLiteral(token.getText().substring(1), span);
                default:
                    return new StringLiteral(unescape(token), span);
            }
        }

        private List<Expr> visitAll(List<? extends ParserRuleContext> contexts) {
            List<Expr> result = new ArrayList<>(contexts.size());
            for (ParserRuleContext ctx : contexts) {
                result.add(visit(ctx));
            }
            return result;
        }

        private static Operator operator(CascadeRulesParser.CompareOpContext ctx) {
            switch (ctx.getStart().getType()) {
                case CascadeRulesLexer.EQ:
                    return Operator.EQ;
                case CascadeRulesLexer.NE:
                    return Operator.NE;
                case CascadeRulesLexer.LT:
                    return Operator.LT;
                case CascadeRulesLexer.LE:
                    return Operator.LE;
                case CascadeRulesLexer.GT:
                    return Operator.GT;
                case CascadeRulesLexer.GE:
                    return Operator.GE;
                case CascadeRulesLexer.IN:
                    return Operator.IN;
                case CascadeRulesLexer.NOT:
                    return Operator.NOT_IN;
                case CascadeRulesLexer.CONTAINS:
                    return Operator.CONTAINS;
                case CascadeRulesLexer.STARTS_WITH:
                    return Operator.STARTS_WITH;
                case CascadeRulesLexer.ENDS_WITH:
                    return Operator.ENDS_WITH;
                case CascadeRulesLexer.MATCHES:
                    return Operator.MATCHES;
                default:
                    throw new IllegalStateException("grammar and builder disagree on " + ctx.getText());
            }
        }

        private Expr number(Token token, Span span) {
            double value = Double.parseDouble(token.getText());
            if (Double.isFinite(value)) {
                return new NumberLiteral(value, span);
            }
            diagnostics.add(
                    Diagnostic.error(Diagnostic.SYNTAX_ERROR, span, "number " + token.getText() + " is out of range"));
            return new NumberLiteral(0, span);
        }

        private String unescape(Token token) {
            String text = token.getText();
            int last = text.length() - 1;
            StringBuilder out = new StringBuilder(last);
            for (int i = 1; i < last; i++) {
                char c = text.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                int consumed = appendEscape(text, i, last, out);
                if (consumed < 0) {
                    diagnostics.add(badEscape(token, text, i));
                    consumed = 1;
                }
                i += consumed;
            }
            return out.toString();
        }

        /** Appends the escape at {@code text[at]}; returns how many chars follow the backslash, or -1. */
        private static int appendEscape(String text, int at, int end, StringBuilder out) {
            char e = text.charAt(at + 1);
            switch (e) {
                case '"':
                case '\\':
                    out.append(e);
                    return 1;
                case 'n':
                    out.append('\n');
                    return 1;
                case 't':
                    out.append('\t');
                    return 1;
                case 'r':
                    out.append('\r');
                    return 1;
                case 'u':
                    return appendUnicodeEscape(text, at, end, out);
                default:
                    return -1;
            }
        }

        private static int appendUnicodeEscape(String text, int at, int end, StringBuilder out) {
            if (at + 6 > end) {
                return -1;
            }
            int value = 0;
            for (int k = at + 2; k < at + 6; k++) {
                int digit = Character.digit(text.charAt(k), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            out.append((char) value);
            return 5;
        }

        private static Diagnostic badEscape(Token token, String text, int backslash) {
            int offset = text.codePointCount(0, backslash);
            int start = token.getStartIndex() + offset;
            Span span = new Span(token.getLine(), token.getCharPositionInLine() + 1 + offset, start, start + 2);
            String escape = text.substring(backslash, Math.min(backslash + 2, text.length()));
            return Diagnostic.error(
                    Diagnostic.SYNTAX_ERROR,
                    span,
                    "invalid escape '" + escape + "' in string; expected \\\" \\\\ \\n \\t \\r or \\uXXXX");
        }
    }
}
