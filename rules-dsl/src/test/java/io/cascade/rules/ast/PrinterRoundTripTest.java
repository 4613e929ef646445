package io.cascade.rules.ast;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.Limits;
import io.cascade.rules.Span;
import io.cascade.rules.parse.AstBuilder;
import io.cascade.rules.parse.ParseResult;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@code parse(print(ast))} gives back the same tree, spans aside, for random trees. */
class PrinterRoundTripTest {

    private static final Limits ROOMY = Limits.defaults().withMaxSourceBytes(1 << 20).withMaxListItems(100);
    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "not", "in", "contains", "startsWith", "endsWith", "matches", "true", "false");

    @Property(tries = 1000)
    void printedTreesParseBackToThemselves(@ForAll("trees") Expr tree) {
        String source = Printer.print(tree);
        ParseResult parsed = AstBuilder.parse(source, ROOMY);
        assertThat(parsed.diagnostics()).as("diagnostics for %s", source).isEmpty();
        assertThat(parsed.expr().map(Expr::withoutSpans)).as(source).hasValue(tree);
    }

    @Example
    void printsOnlyTheParenthesesPrecedenceNeeds() {
        Expr tree = Trees.and(Trees.or(Trees.attr("a"), Trees.attr("b")), Trees.not(
                Trees.compare(Trees.attr("c"), Operator.EQ, Trees.num(1))));
        assertThat(Printer.print(tree)).isEqualTo("(a or b) and not (c == 1)");
    }

    @Example
    void escapesWhatAStringLiteralCannotHoldRaw() {
        assertThat(Printer.quote("a\"b\\c\nd\te\u0001\ud800😀")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\\ud800😀\"");
    }

    @Provide
    Arbitrary<Expr> trees() {
        return expr(4);
    }

    private Arbitrary<Expr> expr(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<Expr> child = Arbitraries.lazy(() -> expr(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf()),
                net.jqwik.api.Tuple.of(3, compare(child)),
                net.jqwik.api.Tuple.of(2, child.list().ofMinSize(2).ofMaxSize(3).map(l -> (Expr) new And(l, Span.NONE))),
                net.jqwik.api.Tuple.of(2, child.list().ofMinSize(2).ofMaxSize(3).map(l -> (Expr) new Or(l, Span.NONE))),
                net.jqwik.api.Tuple.of(1, child.map(e -> (Expr) new Not(e, Span.NONE))),
                net.jqwik.api.Tuple.of(1, child.list().ofMaxSize(3).map(l -> (Expr) new ListLiteral(l, Span.NONE))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(identifier(), child.list().ofMaxSize(3))
                        .as((name, args) -> (Expr) new Call(name, args, Span.NONE))));
    }

    private Arbitrary<Expr> compare(Arbitrary<Expr> child) {
        return Combinators.combine(child, Arbitraries.of(Operator.class), child)
                .as((left, op, right) -> new Compare(left, op, right, Span.NONE));
    }

    private Arbitrary<Expr> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8).map(s -> new StringLiteral(s, Span.NONE)),
                Arbitraries.doubles().filter(Double::isFinite).map(d -> new NumberLiteral(d, Span.NONE)),
                Arbitraries.integers().between(-1000, 1000).map(i -> new NumberLiteral(i, Span.NONE)),
                Arbitraries.of(true, false).map(b -> new BooleanLiteral(b, Span.NONE)),
                dateTimeText().map(t -> new DateTimeLiteral(t, Span.NONE)),
                path().map(p -> new Attribute(p, Span.NONE)));
    }

    private Arbitrary<String> dateTimeText() {
        Arbitrary<String> tail = Arbitraries.strings().withChars("0123456789TZ:.+-").ofMaxLength(24);
        return Combinators.combine(Arbitraries.strings().numeric().ofLength(1), tail).as(String::concat);
    }

    private Arbitrary<String> path() {
        return identifier().list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(".", parts));
    }

    private Arbitrary<String> identifier() {
        Arbitrary<String> first = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars('_').ofLength(1);
        Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars("_-").ofMaxLength(6);
        return Combinators.combine(first, rest).as(String::concat).filter(s -> !KEYWORDS.contains(s));
    }

}
