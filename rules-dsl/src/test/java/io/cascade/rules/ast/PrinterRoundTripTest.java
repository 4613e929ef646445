package io.cascade.rules.ast;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.Limits;
import io.cascade.rules.parse.AstBuilder;
import io.cascade.rules.parse.ParseResult;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code parse(print(ast))} gives back the same tree, spans aside, for random trees.
 *
 * <p>The trees come from {@link RandomExpressions}, one per case, each from its own seed; the case
 * seeds come from {@link #SEED}, so every run checks the same {@value #CASES} trees. A failure names
 * its tree seed; {@code new RandomExpressions(new Random(treeSeed)).expr(MAX_DEPTH)} rebuilds the tree.
 */
class PrinterRoundTripTest {

    private static final long SEED = 0x5EED_CA5CADEL;
    private static final int CASES = 1000;
    private static final int MAX_DEPTH = 4;

    private static final Limits ROOMY =
            Limits.defaults().withMaxSourceBytes(1 << 20).withMaxListItems(100);

    static LongStream treeSeeds() {
        return new Random(SEED).longs(CASES);
    }

    private static Expr tree(long treeSeed) {
        return new RandomExpressions(new Random(treeSeed)).expr(MAX_DEPTH);
    }

    @ParameterizedTest(name = "tree seed {0}")
    @MethodSource("treeSeeds")
    void printedRulesParseBackToTheSameTree(long treeSeed) {
        Expr tree = tree(treeSeed);
        String source = Printer.print(tree);
        String context = "tree seed " + treeSeed + " (from seed " + SEED + ")\nprinted: " + source + "\ntree:\n"
                + Printer.tree(tree);

        ParseResult parsed = AstBuilder.parse(source, ROOMY);

        assertThat(parsed.diagnostics()).as("diagnostics for %s", context).isEmpty();
        assertThat(parsed.expr().map(Expr::withoutSpans)).as("%s", context).hasValue(tree);
    }

    /** Guards the generator: the round trip above is only as strong as the trees it is fed. */
    @Test
    void generatedTreesCoverEveryShapeOperatorAndAwkwardString() {
        Coverage coverage = new Coverage();
        treeSeeds().mapToObj(PrinterRoundTripTest::tree).forEach(tree -> coverage.visit(tree, 1));

        assertThat(coverage.kinds)
                .containsExactlyInAnyOrder(
                        StringLiteral.class,
                        NumberLiteral.class,
                        BooleanLiteral.class,
                        DateTimeLiteral.class,
                        Attribute.class,
                        ListLiteral.class,
                        Call.class,
                        Compare.class,
                        And.class,
                        Or.class,
                        Not.class);
        assertThat(coverage.operators).isEqualTo(EnumSet.allOf(Operator.class));
        assertThat(coverage.deepest).isEqualTo(MAX_DEPTH + 1);
        assertThat(coverage.strings)
                .as("string literals")
                .anyMatch(s -> s.contains("\""))
                .anyMatch(s -> s.contains("\\"))
                .anyMatch(s -> s.contains("\n"))
                .anyMatch(s -> s.contains("\t"))
                .anyMatch(s -> s.contains("\r"))
                .anyMatch(s -> s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r'))
                .anyMatch(s -> s.chars().anyMatch(c -> Character.isSurrogate((char) c))
                        && s.codePoints().noneMatch(Character::isSupplementaryCodePoint))
                .anyMatch(s -> s.codePoints().anyMatch(Character::isSupplementaryCodePoint))
                .anyMatch(String::isEmpty);
        assertThat(coverage.numbers)
                .as("number literals")
                .anyMatch(d -> d < 0)
                .anyMatch(d -> d != Math.rint(d))
                .anyMatch(d -> Math.abs(d) >= 1e15)
                .anyMatch(d -> d != 0 && Math.abs(d) < 1e-3)
                .anyMatch(d -> Double.doubleToRawLongBits(d) == Long.MIN_VALUE);
        assertThat(coverage.paths).as("attribute paths").anyMatch(p -> p.contains("."));
    }

    @Test
    void printsOnlyTheParenthesesPrecedenceNeeds() {
        Expr tree = Trees.and(
                Trees.or(Trees.attr("a"), Trees.attr("b")),
                Trees.not(Trees.compare(Trees.attr("c"), Operator.EQ, Trees.num(1))));
        assertThat(Printer.print(tree)).isEqualTo("(a or b) and not (c == 1)");
    }

    @Test
    void escapesWhatAStringLiteralCannotHoldRaw() {
        assertThat(Printer.quote("a\"b\\c\nd\te\u0001\ud800😀")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\\ud800😀\"");
    }

    /** What a batch of generated trees contains. */
    private static final class Coverage {
        final Set<Class<?>> kinds = new HashSet<>();
        final Set<Operator> operators = EnumSet.noneOf(Operator.class);
        final Set<String> strings = new HashSet<>();
        final Set<Double> numbers = new HashSet<>();
        final Set<String> paths = new HashSet<>();
        int deepest;

        void visit(Expr expr, int depth) {
            kinds.add(expr.getClass());
            deepest = Math.max(deepest, depth);
            for (Expr child : children(expr)) {
                visit(child, depth + 1);
            }
        }

        private List<Expr> children(Expr expr) {
            if (expr instanceof StringLiteral s) {
                strings.add(s.value());
            } else if (expr instanceof NumberLiteral n) {
                numbers.add(n.value());
            } else if (expr instanceof Attribute a) {
                paths.add(a.path());
            } else if (expr instanceof Compare c) {
                operators.add(c.operator());
                return List.of(c.left(), c.right());
            } else if (expr instanceof And and) {
                return and.operands();
            } else if (expr instanceof Or or) {
                return or.operands();
            } else if (expr instanceof Not not) {
                return List.of(not.operand());
            } else if (expr instanceof ListLiteral list) {
                return list.elements();
            } else if (expr instanceof Call call) {
                return call.arguments();
            }
            return List.of();
        }
    }
}
