package io.cascade.rules.parse;

import static io.cascade.rules.ast.Trees.and;
import static io.cascade.rules.ast.Trees.attr;
import static io.cascade.rules.ast.Trees.bool;
import static io.cascade.rules.ast.Trees.call;
import static io.cascade.rules.ast.Trees.compare;
import static io.cascade.rules.ast.Trees.dateTime;
import static io.cascade.rules.ast.Trees.list;
import static io.cascade.rules.ast.Trees.not;
import static io.cascade.rules.ast.Trees.num;
import static io.cascade.rules.ast.Trees.or;
import static io.cascade.rules.ast.Trees.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.Diagnostic;
import io.cascade.rules.Limits;
import io.cascade.rules.Span;
import io.cascade.rules.ast.Attribute;
import io.cascade.rules.ast.Compare;
import io.cascade.rules.ast.Expr;
import io.cascade.rules.ast.Operator;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AstBuilderTest {

    static Expr parse(String source) {
        ParseResult result = AstBuilder.parse(source, Limits.defaults());
        assertThat(result.diagnostics()).as("diagnostics of %s", source).isEmpty();
        return result.expr().orElseThrow();
    }

    static Expr shape(String source) {
        return parse(source).withoutSpans();
    }

    static List<Diagnostic> errors(String source) {
        ParseResult result = AstBuilder.parse(source, Limits.defaults());
        assertThat(result.expr()).as("tree of %s", source).isEmpty();
        return result.diagnostics();
    }

    @Nested
    class Operators {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "==         | EQ",
                    "!=         | NE",
                    "<          | LT",
                    "<=         | LE",
                    ">          | GT",
                    ">=         | GE",
                    "in         | IN",
                    "not in     | NOT_IN",
                    "contains   | CONTAINS",
                    "startsWith | STARTS_WITH",
                    "endsWith   | ENDS_WITH",
                    "matches    | MATCHES",
                })
        void parsesEveryComparisonOperator(String symbol, Operator operator) {
            assertThat(shape("a " + symbol + " b")).isEqualTo(compare(attr("a"), operator, attr("b")));
            assertThat(operator.symbol()).isEqualTo(symbol);
        }

        @Test
        void parsesComparisonsWithoutSpaces() {
            assertThat(shape("a>=1")).isEqualTo(compare(attr("a"), Operator.GE, num(1)));
            assertThat(shape("a<-1")).isEqualTo(compare(attr("a"), Operator.LT, num(-1)));
        }

        @Test
        void collectsAChainOfAndIntoOneNode() {
            assertThat(shape("a and b and c")).isEqualTo(and(attr("a"), attr("b"), attr("c")));
        }

        @Test
        void collectsAChainOfOrIntoOneNode() {
            assertThat(shape("a or b or c")).isEqualTo(or(attr("a"), attr("b"), attr("c")));
        }

        @Test
        void keepsExplicitGroupingOfAndInsideAnd() {
            assertThat(shape("(a and b) and c")).isEqualTo(and(and(attr("a"), attr("b")), attr("c")));
        }

        @Test
        void parsesNotAndDoubleNot() {
            assertThat(shape("not a")).isEqualTo(not(attr("a")));
            assertThat(shape("not not a")).isEqualTo(not(not(attr("a"))));
        }

        @Test
        void refusesChainedComparisons() {
            assertThat(errors("a == b == c")).extracting(Diagnostic::code).containsOnly(Diagnostic.SYNTAX_ERROR);
        }
    }

    @Nested
    class Precedence {

        @Test
        void andBindsTighterThanOr() {
            assertThat(shape("a or b and c")).isEqualTo(or(attr("a"), and(attr("b"), attr("c"))));
            assertThat(shape("a and b or c")).isEqualTo(or(and(attr("a"), attr("b")), attr("c")));
        }

        @Test
        void comparisonBindsTighterThanAnd() {
            assertThat(shape("a == 1 and b != 2"))
                    .isEqualTo(and(compare(attr("a"), Operator.EQ, num(1)), compare(attr("b"), Operator.NE, num(2))));
        }

        @Test
        void notBindsTighterThanComparison() {
            assertThat(shape("not a == b")).isEqualTo(compare(not(attr("a")), Operator.EQ, attr("b")));
        }

        @Test
        void notBindsTighterThanAndAndOr() {
            assertThat(shape("not a and b or c")).isEqualTo(or(and(not(attr("a")), attr("b")), attr("c")));
        }

        @Test
        void parenthesesOverridePrecedence() {
            assertThat(shape("a and (b or c)")).isEqualTo(and(attr("a"), or(attr("b"), attr("c"))));
            assertThat(shape("not (a == b)")).isEqualTo(not(compare(attr("a"), Operator.EQ, attr("b"))));
        }

        @Test
        void notInIsOneOperatorNotANegation() {
            assertThat(shape("a not in [1] and b"))
                    .isEqualTo(and(compare(attr("a"), Operator.NOT_IN, list(num(1))), attr("b")));
        }
    }

    @Nested
    class Literals {

        @Test
        void parsesStrings() {
            assertThat(shape("a == \"\"")).isEqualTo(compare(attr("a"), Operator.EQ, str("")));
            assertThat(shape("a == \"héllo wörld 😀\""))
                    .isEqualTo(compare(attr("a"), Operator.EQ, str("héllo wörld 😀")));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '\'',
                value = {
                    "\\\"      | '\"'",
                    "\\\\      | \\",
                    "\\n       | '\n'",
                    "\\t       | '\t'",
                    "\\r       | '\r'",
                    "\\u0041   | A",
                    "\\u00e9   | é",
                    "\\u20AC   | €",
                })
        void decodesEveryEscape(String escape, String decoded) {
            assertThat(shape("a == \"" + escape + "\"")).isEqualTo(compare(attr("a"), Operator.EQ, str(decoded)));
        }

        @Test
        void decodesASurrogatePairWrittenAsTwoEscapes() {
            assertThat(shape("a == \"\\ud83d\\ude00\"")).isEqualTo(compare(attr("a"), Operator.EQ, str("😀")));
        }

        @ParameterizedTest
        @CsvSource({"0, 0", "42, 42", "-7, -7", "3.25, 3.25", "-0.5, -0.5", "1e3, 1000", "2.5E-2, 0.025", "1e+2, 100"})
        void parsesNumbers(String text, double value) {
            assertThat(shape("a == " + text)).isEqualTo(compare(attr("a"), Operator.EQ, num(value)));
        }

        @Test
        void parsesBooleans() {
            assertThat(shape("a == true")).isEqualTo(compare(attr("a"), Operator.EQ, bool(true)));
            assertThat(shape("false")).isEqualTo(bool(false));
        }

        @Test
        void parsesLists() {
            assertThat(shape("a in []")).isEqualTo(compare(attr("a"), Operator.IN, list()));
            assertThat(shape("a in [\"US\", \"CA\"]"))
                    .isEqualTo(compare(attr("a"), Operator.IN, list(str("US"), str("CA"))));
            assertThat(shape("a in [1, 2.5, -3]"))
                    .isEqualTo(compare(attr("a"), Operator.IN, list(num(1), num(2.5), num(-3))));
        }

        @Test
        void parsesDateTimesAsWritten() {
            assertThat(shape("now() >= @2026-12-01T00:00:00Z"))
                    .isEqualTo(compare(call("now"), Operator.GE, dateTime("2026-12-01T00:00:00Z")));
            assertThat(shape("t < @2026-12-01T10:30:00.250+02:00"))
                    .isEqualTo(compare(attr("t"), Operator.LT, dateTime("2026-12-01T10:30:00.250+02:00")));
        }

        @Test
        void parsesSemverAsACall() {
            assertThat(shape("semver(sdkVersion) >= semver(\"2.3.0\")"))
                    .isEqualTo(compare(call("semver", attr("sdkVersion")), Operator.GE, call("semver", str("2.3.0"))));
        }

        @Test
        void parsesDottedAttributePaths() {
            assertThat(shape("exists(user.tier)")).isEqualTo(call("exists", attr("user.tier")));
            assertThat(shape("a.b.c == 1")).isEqualTo(compare(attr("a.b.c"), Operator.EQ, num(1)));
        }

        @Test
        void skipsCommentsAndWhitespace() {
            assertThat(shape("# who\na == 1 // trailing\n\t and b # end"))
                    .isEqualTo(and(compare(attr("a"), Operator.EQ, num(1)), attr("b")));
        }
    }

    @Nested
    class Spans {

        @Test
        void recordsLineColumnAndOffsets() {
            Compare compare = (Compare) parse("plan == \"pro\"");
            assertThat(compare.span()).isEqualTo(new Span(1, 1, 0, 13));
            assertThat(compare.left().span()).isEqualTo(new Span(1, 1, 0, 4));
            assertThat(compare.right().span()).isEqualTo(new Span(1, 9, 8, 13));
        }

        @Test
        void countsLinesAndColumnsFromOne() {
            Compare compare = (Compare) parse("\n\n  user.tier == 1");
            Attribute attribute = (Attribute) compare.left();
            assertThat(attribute.span()).isEqualTo(new Span(3, 3, 4, 13));
        }
    }

    @Nested
    class ProductExamples {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '\'',
                value = {
                    "country in [\"US\", \"CA\"] and plan == \"enterprise\" and appVersion >= 42",
                    "email endsWith \"@example.com\"",
                    "semver(sdkVersion) >= semver(\"2.3.0\")",
                    "tenant in segment(\"beta-tenants\")",
                    "percent(hostId) < 25",
                    "now() >= @2026-12-01T00:00:00Z",
                    "not (region matches \"^eu-\")",
                    "exists(user.tier)",
                })
        void parse(String source) {
            assertThat(AstBuilder.parse(source, Limits.defaults()).diagnostics())
                    .isEmpty();
        }
    }

    @Nested
    class SyntaxErrors {

        @Test
        void reportsAStrayTokenWhereItIs() {
            List<Diagnostic> errors = errors("a == 1 )");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).code()).isEqualTo(Diagnostic.SYNTAX_ERROR);
            assertThat(errors.get(0).span().position()).isEqualTo("1:8");
        }

        @Test
        void reportsAnUnterminatedString() {
            assertThat(errors("a == \"abc")).singleElement().satisfies(d -> {
                assertThat(d.message()).isEqualTo("unterminated string literal");
                assertThat(d.span().position()).isEqualTo("1:6");
            });
        }

        @Test
        void reportsABadEscapeAtTheBackslash() {
            assertThat(errors("a == \"ab\\qc\"")).singleElement().satisfies(d -> {
                assertThat(d.message()).startsWith("invalid escape '\\q'");
                assertThat(d.span().position()).isEqualTo("1:9");
            });
        }

        @Test
        void reportsAShortUnicodeEscape() {
            assertThat(errors("a == \"\\u12\""))
                    .singleElement()
                    .satisfies(d -> assertThat(d.message()).startsWith("invalid escape '\\u'"));
        }

        @Test
        void reportsAnUnexpectedCharacter() {
            assertThat(errors("a == $")).first().satisfies(d -> {
                assertThat(d.message()).isEqualTo("unexpected character '$'");
                assertThat(d.span().position()).isEqualTo("1:6");
            });
        }

        @Test
        void reportsAnIncompleteRule() {
            assertThat(errors("a =="))
                    .first()
                    .satisfies(d -> assertThat(d.message()).contains("end of input"));
            assertThat(errors("")).first().satisfies(d -> assertThat(d.code()).isEqualTo(Diagnostic.SYNTAX_ERROR));
        }

        @Test
        void reportsANumberOutOfRange() {
            assertThat(errors("a == 1e999"))
                    .singleElement()
                    .satisfies(d -> assertThat(d.message()).isEqualTo("number 1e999 is out of range"));
        }

        @Test
        void refusesKeywordsAsAttributeNames() {
            assertThat(errors("in == 1")).isNotEmpty();
        }

        @Test
        void stopsAfterABoundedNumberOfErrors() {
            String garbage = "a == ) ".repeat(100);
            assertThat(errors(garbage)).hasSizeLessThanOrEqualTo(AstBuilder.MAX_SYNTAX_ERRORS);
        }
    }
}
