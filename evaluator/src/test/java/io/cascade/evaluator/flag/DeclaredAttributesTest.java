package io.cascade.evaluator.flag;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.AttributeSchema;
import io.cascade.rules.AttributeType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredAttributesTest {

    private static final AttributeSchema DECLARED = AttributeSchema.of(Map.of(
            "targetingKey", AttributeType.STRING, "country", AttributeType.STRING, "appVersion", AttributeType.NUMBER));

    private static Map<String, Object> flagWith(String condition) {
        return Map.of(
                "key",
                "f",
                "type",
                "boolean",
                "variations",
                Map.of("on", true, "off", false),
                "environments",
                Map.of(
                        "prod",
                        Map.of(
                                "enabled",
                                true,
                                "offVariation",
                                "off",
                                "rules",
                                List.of(Map.of("id", "r", "when", condition, "serve", "on")),
                                "fallthrough",
                                Map.of("serve", "off"))));
    }

    @Test
    void rulesOverDeclaredAttributesCompile() {
        FlagSetResult result =
                FlagSet.compile(List.of(flagWith("country == \"US\" and appVersion >= 42")), List.of(), DECLARED);

        assertThat(result.problems()).isEmpty();
    }

    @Test
    void anUndeclaredAttributeIsATypeErrorAtTheRulesPath() {
        FlagSetResult result = FlagSet.compile(List.of(flagWith("plan == \"pro\"")), List.of(), DECLARED);

        assertThat(result.flagProblems(0)).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.DSL_TYPE_ERROR);
            assertThat(problem.path()).isEqualTo("/environments/prod/rules/0/when");
        });
    }

    @Test
    void aComparisonWithTheWrongTypeIsATypeError() {
        FlagSetResult result = FlagSet.compile(List.of(flagWith("appVersion == \"42\"")), List.of(), DECLARED);

        assertThat(result.flagProblems(0))
                .extracting(ValidationProblem::code)
                .containsExactly(ProblemCode.DSL_TYPE_ERROR);
    }

    @Test
    void withoutDeclarationsAnyAttributeIsAccepted() {
        assertThat(FlagSet.compile(List.of(flagWith("plan == \"pro\"")), List.of())
                        .problems())
                .isEmpty();
    }
}
