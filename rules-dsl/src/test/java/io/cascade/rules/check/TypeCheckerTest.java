package io.cascade.rules.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cascade.rules.AttributeSchema;
import io.cascade.rules.AttributeType;
import io.cascade.rules.CompileResult;
import io.cascade.rules.Diagnostic;
import io.cascade.rules.RuleCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeCheckerTest {

    static final AttributeSchema SCHEMA = AttributeSchema.of(Map.of(
            "country", AttributeType.STRING,
            "appVersion", AttributeType.NUMBER,
            "beta", AttributeType.BOOLEAN,
            "tags", AttributeType.LIST,
            "createdAt", AttributeType.DATETIME,
            "hostId", AttributeType.STRING));

    static final RuleCompiler TYPED =
            RuleCompiler.builder().attributeSchema(SCHEMA).build();
    static final RuleCompiler UNTYPED = RuleCompiler.create();

    static List<Diagnostic> errors(RuleCompiler compiler, String source) {
        CompileResult result = compiler.compile(source);
        assertThat(result.ok()).as("%s compiles", source).isFalse();
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsOnly(Diagnostic.TYPE_ERROR);
        return result.diagnostics();
    }

    static Diagnostic error(RuleCompiler compiler, String source) {
        List<Diagnostic> errors = errors(compiler, source);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Nested
    class WithASchema {

        @Test
        void reportsAnUnknownAttributeWhereItIs() {
            Diagnostic d = error(TYPED, "country == \"US\" and plan == \"pro\"");
            assertThat(d.message()).isEqualTo("unknown attribute 'plan'");
            assertThat(d.span().position()).isEqualTo("1:21");
        }

        @Test
        void reportsAnOperandOfTheWrongType() {
            Diagnostic d = error(TYPED, "appVersion >= \"42\"");
            assertThat(d.message()).isEqualTo("expected number after '>=' but found string \"42\"");
            assertThat(d.span().position()).isEqualTo("1:15");
        }

        @Test
        void reportsEveryErrorAtOnceWithExactPositions() {
            List<Diagnostic> errors = errors(TYPED, "plan == 1 and\n  appVersion == \"x\" or\n  beta startsWith \"t\"");
            assertThat(errors)
                    .extracting(d -> d.span().position(), Diagnostic::message)
                    .containsExactly(
                            tuple("1:1", "unknown attribute 'plan'"),
                            tuple("2:17", "expected number after '==' but found string \"x\""),
                            tuple("3:3", "'startsWith' needs strings, but found attribute 'beta' (boolean)"));
        }

        @Test
        void reportsAListAttributeUsedAsAScalar() {
            assertThat(error(TYPED, "tags == \"a\"").message()).isEqualTo("'==' cannot compare lists");
        }

        @Test
        void reportsANonBooleanRule() {
            assertThat(error(TYPED, "country").message())
                    .isEqualTo("expected a condition (boolean) but found attribute 'country' (string)");
        }

        @Test
        void reportsPercentOfANonString() {
            assertThat(error(TYPED, "percent(appVersion) < 5").message())
                    .isEqualTo("percent() needs a string attribute, but found attribute 'appVersion' (number)");
        }

        @Test
        void acceptsWellTypedRules() {
            assertThat(TYPED.compile("country in [\"US\"] and appVersion >= 42 and beta and tags contains \"x\""
                                    + " and createdAt < now() and percent(hostId) < 5")
                            .ok())
                    .isTrue();
        }
    }

    @Nested
    class WithoutASchema {

        @Test
        void acceptsAnyAttributeOfAnyType() {
            assertThat(UNTYPED.compile("plan == \"pro\" and appVersion >= 42 and x")
                            .ok())
                    .isTrue();
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '~',
                value = {
                    "1 == \"a\"                         | 1:6  | expected number after '==' but found string \"a\"",
                    "a < \"b\"                          | 1:5  | '<' compares numbers, date-times or semantic versions, but found string \"b\"",
                    "\"a\" < 1                          | 1:1  | expected number before '<' but found string \"a\"",
                    "a < true                           | 1:5  | '<' compares numbers, date-times or semantic versions, but found boolean true",
                    "a in \"US\"                        | 1:6  | 'in' needs a list, a list attribute or segment(\"name\") on the right, but found string \"US\"",
                    "a in [\"US\", 1]                   | 1:13 | list mixes string and number items",
                    "a in [b]                           | 1:7  | list items must be string, number or boolean literals, but found attribute 'b'",
                    "1 in [\"US\"]                      | 1:1  | expected string before 'in' (the list holds strings) but found number 1",
                    "a == [1]                           | 1:6  | a list can only follow 'in' or 'not in'",
                    "a == segment(\"s\")                | 1:6  | segment(..) can only follow 'in' or 'not in'",
                    "a in segment(b)                    | 1:14 | segment() needs a segment name as a string literal, such as segment(\"beta\")",
                    "a in segment(\"Beta Tenants\")     | 1:14 | invalid segment name \"Beta Tenants\"; names match [a-z0-9][a-z0-9._-]{0,62}",
                    "a matches b                        | 1:11 | 'matches' needs a string literal pattern on the right, but found attribute 'b'",
                    "a matches \"(\"                    | 1:11 | invalid regular expression: error parsing regexp: missing closing ): `(`",
                    "semver(a) > semver(\"2.x\")        | 1:20 | invalid semantic version \"2.x\"; expected MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]",
                    "semver(a) > \"2.0.0\"              | 1:13 | compare semantic versions with semver(..) on both sides, such as semver(v) >= semver(\"2.3.0\")",
                    "semver(1) > semver(a)              | 1:8  | semver() needs a string, but found number 1",
                    "a < @2026-13-01T00:00:00Z          | 1:5  | invalid date-time @2026-13-01T00:00:00Z; expected ISO-8601 such as @2026-12-01T00:00:00Z or @2026-12-01",
                    "a < @2026-01-01Tnoon               | 1:5  | invalid date-time @2026-01-01Tnoon; expected ISO-8601 such as @2026-12-01T00:00:00Z or @2026-12-01",
                    "shuffle(a)                         | 1:1  | unknown function 'shuffle'; known functions are exists, now, percent, segment, semver",
                    "now(a) > @2026-01-01               | 1:1  | now() takes 0 arguments but was given 1",
                    "exists(a, b)                       | 1:1  | exists() takes 1 argument but was given 2",
                    "exists(\"a\")                      | 1:8  | exists() needs an attribute, such as exists(hostId)",
                    "percent(\"a\") < 5                 | 1:9  | percent() needs an attribute, such as percent(hostId)",
                    "1 and a                            | 1:1  | expected a condition (boolean) but found number 1",
                    "not \"a\"                          | 1:5  | expected a condition (boolean) but found string \"a\"",
                    "42                                 | 1:1  | expected a condition (boolean) but found number 42",
                    "3 contains 1                       | 1:1  | 'contains' needs a string or a list on the left, but found number 3",
                    "\"abc\" contains 1                 | 1:16 | 'contains' on a string needs a string, but found number 1",
                    "a startsWith 1                     | 1:14 | 'startsWith' needs strings, but found number 1",
                    "a == now()                         | -    | -",
                })
        void reportsErrorsVisibleFromTheRuleAlone(String source, String position, String message) {
            if (position.equals("-")) {
                assertThat(UNTYPED.compile(source).ok()).isTrue();
                return;
            }
            Diagnostic d = error(UNTYPED, source);
            assertThat(d.span().position()).isEqualTo(position);
            assertThat(d.message()).isEqualTo(message);
        }

        @Test
        void doesNotRepeatAnErrorInEnclosingExpressions() {
            assertThat(errors(UNTYPED, "not (shuffle(a) == 1) and b")).hasSize(1);
        }

        @Test
        void checksArgumentsOfUnknownFunctions() {
            assertThat(errors(UNTYPED, "shuffle(semver(\"x\"))")).hasSize(2);
        }
    }
}
