package io.cascade.rules;

import static io.cascade.rules.Rules.compile;
import static io.cascade.rules.Rules.test;
import static io.cascade.rules.TestContext.context;
import static io.cascade.rules.TestContext.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompiledRuleTest {

    @Nested
    class NumberComparisons {

        @ParameterizedTest
        @CsvSource({
            "appVersion == 42, true", "appVersion != 42, false", "appVersion < 42, false",
            "appVersion <= 42, true", "appVersion > 41.5, true", "appVersion >= 43, false",
            "42 == appVersion, true", "appVersion > -1e3, true",
        })
        void compareNumbers(String rule, boolean expected) {
            assertThat(test(rule, with("appVersion", 42))).isEqualTo(expected);
        }

        @Test
        void acceptAnyNumberSubtype() {
            assertThat(test("n == 3", with("n", 3L))).isTrue();
            assertThat(test("n == 3", with("n", 3.0f))).isTrue();
            assertThat(test("n == 3", with("n", new java.math.BigDecimal("3.00"))))
                    .isTrue();
        }
    }

    @Nested
    class StringComparisons {

        private final TestContext ctx = with("email", "ana@example.com");

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "email == \"ana@example.com\"   | true",
                    "email != \"ana@example.com\"   | false",
                    "email endsWith \"@example.com\" | true",
                    "email startsWith \"ana@\"      | true",
                    "email startsWith \"bob@\"      | false",
                    "email contains \"@example\"    | true",
                    "email contains \"nope\"        | false",
                    "email matches \"^[a-z]+@\"     | true",
                    "email matches \"^bob\"         | false",
                })
        void compareStrings(String rule, boolean expected) {
            assertThat(test(rule, ctx)).isEqualTo(expected);
        }

        @Test
        void matchesIsASearchUnlessAnchored() {
            assertThat(test("region matches \"eu-\"", with("region", "xx-eu-west")))
                    .isTrue();
            assertThat(test("region matches \"^eu-\"", with("region", "xx-eu-west")))
                    .isFalse();
        }
    }

    @Nested
    class BooleanComparisons {

        @Test
        void compareBooleans() {
            assertThat(test("beta == true", with("beta", true))).isTrue();
            assertThat(test("beta != true", with("beta", true))).isFalse();
            assertThat(test("beta == false", with("beta", false))).isTrue();
        }

        @Test
        void useABareBooleanAttributeAsACondition() {
            assertThat(test("beta", with("beta", true))).isTrue();
            assertThat(test("beta", with("beta", false))).isFalse();
            assertThat(test("not beta", with("beta", false))).isTrue();
        }

        @Test
        void compareAConditionWithABoolean() {
            assertThat(test("(a == 1) == true", with("a", 1))).isTrue();
            assertThat(test("(a == 1) != (b == 2)", with("a", 1).set("b", 2))).isFalse();
        }
    }

    @Nested
    class Membership {

        @Test
        void findsStringsInAList() {
            CompiledRule rule = compile("country in [\"US\", \"CA\"]");
            assertThat(rule.test(with("country", "CA"))).isTrue();
            assertThat(rule.test(with("country", "DE"))).isFalse();
        }

        @Test
        void findsNumbersInAListWhateverTheirSubtype() {
            CompiledRule rule = compile("tier in [3, 1, 2.5, -0]");
            assertThat(rule.test(with("tier", 1L))).isTrue();
            assertThat(rule.test(with("tier", 2.5))).isTrue();
            assertThat(rule.test(with("tier", 0.0))).isTrue();
            assertThat(rule.test(with("tier", -0.0))).isTrue();
            assertThat(rule.test(with("tier", 4))).isFalse();
        }

        @Test
        void findsBooleansInAList() {
            assertThat(test("beta in [true]", with("beta", true))).isTrue();
            assertThat(test("beta in [true]", with("beta", false))).isFalse();
        }

        @Test
        void negatesWithNotIn() {
            assertThat(test("country not in [\"US\", \"CA\"]", with("country", "DE")))
                    .isTrue();
            assertThat(test("country not in [\"US\", \"CA\"]", with("country", "US")))
                    .isFalse();
        }

        @Test
        void treatsAnEmptyListAsHoldingNothing() {
            assertThat(test("country in []", with("country", "US"))).isFalse();
            assertThat(test("country not in []", with("country", "US"))).isTrue();
        }

        @Test
        void asksTheContextAboutSegments() {
            CompiledRule rule = compile("tenant in segment(\"beta-tenants\")");
            assertThat(rule.test(with("tenant", "acme").member("beta-tenants", "acme")))
                    .isTrue();
            assertThat(rule.test(with("tenant", "globex").member("beta-tenants", "acme")))
                    .isFalse();
            assertThat(rule.segments()).containsExactly("beta-tenants");
            assertThat(compile("tenant not in segment(\"beta\")").test(with("tenant", "acme")))
                    .isTrue();
        }

        @Test
        void looksInsideListAttributes() {
            TestContext ctx = with("tags", List.of("a", "b")).set("ids", new LinkedList<>(List.of(1, 2)));
            assertThat(test("\"b\" in tags", ctx)).isTrue();
            assertThat(test("\"c\" in tags", ctx)).isFalse();
            assertThat(test("tags contains \"a\"", ctx)).isTrue();
            assertThat(test("ids contains 2", ctx)).isTrue();
            assertThat(test("2.0 in ids", ctx)).isTrue();
            assertThat(test("3 not in ids", ctx)).isTrue();
        }
    }

    @Nested
    class Functions {

        @Test
        void percentIsTheBucketOfTheAttributeUnderTheSaltInPercent() {
            RuleCompiler compiler =
                    RuleCompiler.builder().bucketSalt("new-checkout").build();
            for (String host : List.of("host-1", "host-2", "host-3", "host-4", "😀")) {
                double percent = Bucketing.bucket("new-checkout", host) / 1000.0;
                TestContext ctx = with("hostId", host);
                assertThat(compile(compiler, "percent(hostId) == " + percent).test(ctx))
                        .as(host)
                        .isTrue();
                assertThat(compile(compiler, "percent(hostId) < 25").test(ctx)).isEqualTo(percent < 25);
            }
        }

        @Test
        void percentDependsOnTheSalt() {
            double a = Bucketing.bucket("a", "host-1") / 1000.0;
            CompiledRule rule = compile(RuleCompiler.builder().bucketSalt("a").build(), "percent(hostId) == " + a);
            assertThat(rule.test(with("hostId", "host-1"))).isTrue();
            assertThat(compile(RuleCompiler.builder().bucketSalt("b").build(), "percent(hostId) == " + a)
                            .test(with("hostId", "host-1")))
                    .isEqualTo(Bucketing.bucket("b", "host-1") == Bucketing.bucket("a", "host-1"));
        }

        @Test
        void percentRangeCoversZeroToOneHundred() {
            assertThat(test("percent(id) >= 0 and percent(id) < 100", with("id", "x")))
                    .isTrue();
        }

        @Test
        void raisingThePercentageKeepsEveryoneAlreadyIn() {
            CompiledRule ten = compile("percent(id) < 10");
            CompiledRule twenty = compile("percent(id) < 20");
            for (int i = 0; i < 2000; i++) {
                TestContext ctx = with("id", "user-" + i);
                if (ten.test(ctx)) {
                    assertThat(twenty.test(ctx)).isTrue();
                }
            }
        }

        @Test
        void existsTellsWhetherAnAttributeIsSet() {
            assertThat(test("exists(user.tier)", with("user.tier", "gold"))).isTrue();
            assertThat(test("exists(user.tier)", context())).isFalse();
        }

        @Test
        void nowReadsTheContextClock() {
            long dec1 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
            CompiledRule rule = compile("now() >= @2026-12-01T00:00:00Z");
            assertThat(rule.test(context().now(dec1))).isTrue();
            assertThat(rule.test(context().now(dec1 - 1))).isFalse();
        }
    }

    @Nested
    class SemanticVersions {

        @ParameterizedTest
        @CsvSource({
            "2.3.0, true", "2.3.1, true", "2.10.0, true", "10.0.0, true", "2.2.9, false",
            "2.3.0-rc.1, false", "v2.3.0, true", "2.3, true", "2, false", "2.3.0+build.5, true",
        })
        void compareAnAttributeWithALiteral(String version, boolean atLeast) {
            assertThat(test("semver(sdkVersion) >= semver(\"2.3.0\")", with("sdkVersion", version)))
                    .isEqualTo(atLeast);
        }

        @Test
        void compareTwoAttributes() {
            TestContext ctx = with("a", "1.0.0-alpha.1").set("b", "1.0.0-alpha.beta");
            assertThat(test("semver(a) < semver(b)", ctx)).isTrue();
            assertThat(test("semver(a) == semver(a)", ctx)).isTrue();
        }

        @Test
        void treatAnInvalidVersionAsAMismatch() {
            CompiledRule rule = compile("semver(v) >= semver(\"1.0.0\")");
            assertThat(rule.test(with("v", "banana"))).isFalse();
            assertThat(rule.explain(with("v", "banana")).notes())
                    .containsExactly("attribute 'v' is not a semantic version at 1:8");
        }
    }

    @Nested
    class DateTimes {

        private final CompiledRule rule = compile("createdAt < @2026-01-01T00:00:00Z");

        @Test
        void acceptInstants() {
            assertThat(rule.test(with("createdAt", Instant.parse("2025-06-01T00:00:00Z"))))
                    .isTrue();
            assertThat(rule.test(with("createdAt", Instant.parse("2026-06-01T00:00:00Z"))))
                    .isFalse();
        }

        @Test
        void acceptEpochMillis() {
            assertThat(rule.test(with(
                            "createdAt", Instant.parse("2025-06-01T00:00:00Z").toEpochMilli())))
                    .isTrue();
        }

        @Test
        void acceptIsoStrings() {
            assertThat(rule.test(with("createdAt", "2025-12-31T23:59:59Z"))).isTrue();
            assertThat(rule.test(with("createdAt", "2026-01-01T01:00:00+02:00")))
                    .isTrue();
            assertThat(rule.test(with("createdAt", "2026-01-01T00:00:00Z"))).isFalse();
        }

        @Test
        void acceptDateOnlyLiterals() {
            assertThat(test("d >= @2026-01-01", with("d", Instant.parse("2026-01-01T00:00:00Z"))))
                    .isTrue();
        }

        @Test
        void compareAttributesWithTheClock() {
            long now = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
            assertThat(test(
                            "expiresAt > now()",
                            with("expiresAt", "2026-04-01T00:00:00Z").now(now)))
                    .isTrue();
        }

        @Test
        void treatUnparseableStringsAsAMismatch() {
            assertThat(rule.test(with("createdAt", "yesterday"))).isFalse();
            assertThat(rule.explain(with("createdAt", "yesterday")).notes())
                    .containsExactly("attribute 'createdAt' is not an ISO-8601 date-time at 1:1");
        }
    }

    @Nested
    class Logic {

        @Test
        void combinesWithAndOrNot() {
            TestContext ctx = with("a", 1).set("b", 2);
            assertThat(test("a == 1 and b == 2", ctx)).isTrue();
            assertThat(test("a == 1 and b == 3", ctx)).isFalse();
            assertThat(test("a == 9 or b == 2", ctx)).isTrue();
            assertThat(test("a == 9 or b == 9", ctx)).isFalse();
            assertThat(test("not (a == 9)", ctx)).isTrue();
        }

        @Test
        void shortCircuitsAnd() {
            ExplodingContext ctx = new ExplodingContext("b");
            assertThat(compile("a == 9 and b == 1").test(ctx.with("a", 1))).isFalse();
        }

        @Test
        void shortCircuitsOr() {
            ExplodingContext ctx = new ExplodingContext("b");
            assertThat(compile("a == 1 or b == 1").test(ctx.with("a", 1))).isTrue();
        }

        @Test
        void foldsConstants() {
            ExplodingContext ctx = new ExplodingContext("x");
            assertThat(compile("1 < 2 or x == 1").test(ctx)).isTrue();
            assertThat(compile("\"US\" in [\"CA\"] and x == 1").test(ctx)).isFalse();
            assertThat(compile("not (semver(\"1.2.0\") > semver(\"1.10.0\"))").test(ctx))
                    .isTrue();
            assertThat(compile("@2026-01-01 < @2026-01-02").test(ctx)).isTrue();
            assertThat(compile("true and x").attributes()).containsExactly("x");
        }
    }

    @Nested
    class MissingAndMismatchedAttributes {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "appVersion >= 42",
                    "appVersion != 42",
                    "country in [\"US\"]",
                    "country not in [\"US\"]",
                    "email endsWith \"x\"",
                    "region matches \"^eu\"",
                    "semver(v) >= semver(\"1.0\")",
                    "t < @2026-01-01",
                    "percent(hostId) < 100",
                    "tenant in segment(\"beta\")",
                    "tenant not in segment(\"beta\")",
                    "flag",
                    "tags contains \"a\"",
                    "\"a\" in tags",
                    "a == b",
                    "a < b",
                })
        void makeTheComparisonFalse(String rule) {
            assertThat(compile(rule).test(context().member("beta", "acme"))).isFalse();
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "appVersion >= 42       | \"42\"", "appVersion != 42 | \"42\"", "country in [\"US\"] | 1",
                    "email endsWith \"x\"   | 3", "region matches \"^eu\" | true", "t < @2026-01-01 | true",
                    "percent(hostId) < 100  | 5", "tenant in segment(\"beta\") | 5", "flag | \"true\"",
                    "semver(v) >= semver(\"1.0\") | 1", "tags contains \"a\" | 4",
                })
        void ofTheWrongTypeMakeTheComparisonFalse(String rule, String literal) {
            Object value = literal.startsWith("\"")
                    ? literal.substring(1, literal.length() - 1)
                    : literal.equals("true") ? (Object) Boolean.TRUE : (Object) Integer.valueOf(literal);
            TestContext ctx = context();
            for (String path : compile(rule).attributes()) {
                ctx.set(path, value);
            }
            assertThat(compile(rule).test(ctx)).isFalse();
        }

        @Test
        void areExplainedWithTheirPosition() {
            CompiledRule rule = compile("country in [\"US\"] and appVersion >= 42");
            assertThat(rule.explain(with("country", "US")))
                    .isEqualTo(new Explanation(false, List.of("attribute 'appVersion' is missing at 1:23")));
            assertThat(rule.explain(with("country", "US").set("appVersion", "42"))
                            .notes())
                    .containsExactly("expected number but attribute 'appVersion' is string at 1:23");
        }

        @Test
        void areExplainedOnlyWhereTheEvaluationLooked() {
            CompiledRule rule = compile("a == 1 or b == 2");
            assertThat(rule.explain(with("a", 1))).isEqualTo(new Explanation(true, List.of()));
            assertThat(rule.explain(context()).notes())
                    .containsExactly("attribute 'a' is missing at 1:1", "attribute 'b' is missing at 1:11");
        }

        @Test
        void explainPercentInTermsOfItsAttribute() {
            assertThat(compile("percent(hostId) < 10")
                            .explain(with("hostId", 7))
                            .notes())
                    .containsExactly("expected string but attribute 'hostId' is number at 1:9");
        }

        @Test
        void explainUntypedComparisonsOfDifferentKinds() {
            assertThat(compile("a == b").explain(with("a", 1).set("b", "1")).notes())
                    .containsExactly("cannot compare number with string using '=='");
        }

        @Test
        void neverThrowForOddValues() {
            TestContext ctx = with("a", new Object())
                    .set("t", Instant.MAX)
                    .set("n", Double.NaN)
                    .set("l", List.of());
            for (String rule : List.of(
                    "a == 1",
                    "a == \"x\"",
                    "t < @2026-01-01",
                    "n == n",
                    "n != 1",
                    "a in l",
                    "l contains a",
                    "l",
                    "semver(a) < semver(\"1\")",
                    "a matches \"x\"",
                    "percent(a) < 1")) {
                assertThat(compile(rule).test(ctx)).as(rule).isFalse();
                assertThat(compile(rule).explain(ctx).matched()).as(rule).isFalse();
            }
        }
    }

    @Nested
    class RegexSafety {

        @Test
        void runsACatastrophicBacktrackingPatternInLinearTime() {
            CompiledRule rule = compile("s matches \"(a+)+$\"");
            String noMatch = "a".repeat(100_000) + "!";
            assertThat(rule.test(with("s", noMatch))).isFalse();
            assertThat(rule.test(with("s", "a".repeat(100_000)))).isTrue();
            assertThat(rule.test(with("s", "!" + "a".repeat(100_000)))).isTrue();
        }
    }

    @Nested
    class Metadata {

        @Test
        void reportsSourceAttributesAndSegments() {
            String source =
                    "tenant in segment(\"beta\") and percent(hostId) < 5 and exists(user.tier) and semver(v) > semver(\"1\")";
            CompiledRule rule = compile(source);
            assertThat(rule.source()).isEqualTo(source);
            assertThat(rule.attributes()).containsExactly("tenant", "hostId", "user.tier", "v");
            assertThat(rule.segments()).containsExactly("beta");
        }
    }

    /** Fails the test if the rule reads the named attribute. */
    private static final class ExplodingContext extends TestContextBase {
        private final String forbidden;

        ExplodingContext(String forbidden) {
            this.forbidden = forbidden;
        }

        @Override
        public Object attribute(String path) {
            if (path.equals(forbidden)) {
                throw new AssertionError("read " + path);
            }
            return super.attribute(path);
        }
    }

    private static class TestContextBase implements RuleContext {
        private final TestContext delegate = context();

        TestContextBase with(String path, Object value) {
            delegate.set(path, value);
            return this;
        }

        @Override
        public Object attribute(String path) {
            return delegate.attribute(path);
        }

        @Override
        public long nowMillis() {
            return delegate.nowMillis();
        }

        @Override
        public boolean inSegment(String segment, String value) {
            return delegate.inSegment(segment, value);
        }
    }
}
