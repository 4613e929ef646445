package io.cascade.evaluator.flag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationContextTest {

    @Test
    void targetingKeyIsTheKeyAndAnAttribute() {
        EvaluationContext context = EvaluationContext.of(Map.of("targetingKey", "user-1", "plan", "pro"));

        assertThat(context.targetingKey()).contains("user-1");
        assertThat(context.attribute("targetingKey")).isEqualTo("user-1");
        assertThat(context.attribute("plan")).isEqualTo("pro");
    }

    @Test
    void nestedObjectsFlattenToDottedPaths() {
        EvaluationContext context =
                EvaluationContext.of(Map.of("user", Map.of("tier", "gold", "address", Map.of("country", "US"))));

        assertThat(context.attribute("user.tier")).isEqualTo("gold");
        assertThat(context.attribute("user.address.country")).isEqualTo("US");
        assertThat(context.attribute("user")).isNull();
    }

    @Test
    void valuesKeepTheirTypesAndDateTimesStayStrings() {
        EvaluationContext context = EvaluationContext.of(Map.of(
                "version", 42, "ratio", 0.5, "beta", true, "tags", List.of("a", "b"), "since", "2026-01-01T00:00:00Z"));

        assertThat(context.attribute("version")).isEqualTo(42);
        assertThat(context.attribute("ratio")).isEqualTo(0.5);
        assertThat(context.attribute("beta")).isEqualTo(true);
        assertThat(context.attribute("tags")).isEqualTo(List.of("a", "b"));
        assertThat(context.attribute("since")).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void nullMembersAreAbsent() {
        Map<String, Object> json = new HashMap<>();
        json.put("plan", null);
        json.put("targetingKey", null);

        EvaluationContext context = EvaluationContext.of(json);

        assertThat(context.attribute("plan")).isNull();
        assertThat(context.targetingKey()).isEmpty();
        assertThat(context.problem()).isEmpty();
    }

    @Test
    void nowComesFromTheGivenClock() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

        assertThat(EvaluationContext.of(Map.of(), clock).nowMillis()).isEqualTo(clock.millis());
    }

    @Test
    void nonStringTargetingKeyMakesTheContextInvalid() {
        EvaluationContext context = EvaluationContext.of(Map.of("targetingKey", 7));

        assertThat(context.problem()).hasValueSatisfying(p -> assertThat(p).contains("targetingKey"));
        assertThat(context.targetingKey()).isEmpty();
    }

    @Test
    void aStringLongerThanTheLimitMakesTheContextInvalidWhereverItIs() {
        String tooLong = "x".repeat(EvaluationContext.MAX_STRING_LENGTH + 1);

        assertThat(EvaluationContext.of(Map.of("targetingKey", tooLong)).problem())
                .hasValue("attribute 'targetingKey' holds a string of 1025 characters, more than the limit of 1024");
        assertThat(EvaluationContext.of(Map.of("user", Map.of("agent", tooLong)))
                        .problem())
                .hasValueSatisfying(p -> assertThat(p).startsWith("attribute 'user.agent' holds a string of 1025"));
        assertThat(EvaluationContext.of(Map.of("tags", List.of("a", tooLong))).problem())
                .hasValueSatisfying(p -> assertThat(p).startsWith("attribute 'tags' holds a string of 1025"));
    }

    @Test
    void stringsUpToTheLimitAreFine() {
        String longest = "x".repeat(EvaluationContext.MAX_STRING_LENGTH);

        EvaluationContext context =
                EvaluationContext.of(Map.of("targetingKey", longest, "tags", List.of(longest), "name", longest));

        assertThat(context.problem()).isEmpty();
        assertThat(context.attribute("name")).isEqualTo(longest);
    }

    @Test
    void unsupportedValueMakesTheContextInvalid() {
        EvaluationContext context = EvaluationContext.of(Map.of("weird", new Object()));

        assertThat(context.problem()).hasValueSatisfying(p -> assertThat(p).contains("weird"));
    }

    @Test
    void nestingDeeperThanTheLimitMakesTheContextInvalid() {
        Map<String, Object> deep = Map.of("leaf", 1);
        for (int i = 0; i < 40; i++) {
            deep = Map.of("n", deep);
        }

        assertThat(EvaluationContext.of(deep).problem()).isPresent();
    }

    @Test
    void attributesCannotBeChangedThroughTheInputMap() {
        Map<String, Object> json = new HashMap<>(Map.of("plan", "pro"));
        EvaluationContext context = EvaluationContext.of(json);

        json.put("plan", "free");

        assertThat(context.attribute("plan")).isEqualTo("pro");
    }

    @Test
    void theBuilderMakesTheSameContextAsTheJsonObject() {
        EvaluationContext built = EvaluationContext.builder()
                .targetingKey("user-1")
                .set("country", "US")
                .set("appVersion", 57)
                .set("ratio", 0.5)
                .set("beta", true)
                .set("user.tier", "gold")
                .set("tags", List.of("a", "b"))
                .build();
        EvaluationContext parsed = EvaluationContext.of(Map.of(
                "targetingKey",
                "user-1",
                "country",
                "US",
                "appVersion",
                57L,
                "ratio",
                0.5,
                "beta",
                true,
                "user",
                Map.of("tier", "gold"),
                "tags",
                List.of("a", "b")));

        assertThat(built.targetingKey()).contains("user-1");
        assertThat(built.attributes()).isEqualTo(parsed.attributes());
        assertThat(built.problem()).isEmpty();
    }

    @Test
    void settingNullRemovesAnAttribute() {
        EvaluationContext context = EvaluationContext.builder()
                .set("plan", "pro")
                .set("plan", (String) null)
                .build();

        assertThat(context.attributes()).isEmpty();
        assertThat(context.targetingKey()).isEmpty();
    }

    @Test
    void aListOfObjectsIsAProblemNotAnException() {
        EvaluationContext context = EvaluationContext.builder()
                .targetingKey("u")
                .set("things", List.of(Map.of("a", 1)))
                .build();

        assertThat(context.problem()).hasValueSatisfying(p -> assertThat(p).contains("things"));
    }
}
