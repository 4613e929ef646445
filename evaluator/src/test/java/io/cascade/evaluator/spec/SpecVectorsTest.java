package io.cascade.evaluator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.evaluator.config.ConfigResolver;
import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LayerSet;
import io.cascade.evaluator.config.Resolution;
import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.flag.EvaluationResult;
import io.cascade.evaluator.flag.FlagEvaluator;
import io.cascade.evaluator.flag.FlagSet;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared vectors of docs/spec (evaluation and resolution), which the client's tests and other
 * SDKs run too. With {@code -Dvectors.update=true} the evaluation vectors' expected answers are
 * written from this evaluator, to be reviewed in the diff.
 */
class SpecVectorsTest {

    private static final Path SPEC = Path.of(System.getProperty("cascade.spec.dir", "../docs/spec"));
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final FlagEvaluator EVALUATOR = FlagEvaluator.create();

    @Test
    @SuppressWarnings("unchecked")
    void evaluationVectors() throws IOException {
        Path file = SPEC.resolve("evaluation-vectors.json");
        Map<String, Object> vectors = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Map.class);
        String environment = (String) vectors.get("environment");
        FlagSet flags = FlagSet.compile((List<?>) vectors.get("flags"), (List<?>) vectors.get("segments"))
                .flagSet();
        boolean update = Boolean.getBoolean("vectors.update");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) vectors.get("cases");
        assertThat(cases).hasSizeGreaterThan(300);
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> vector : cases) {
            Map<String, Object> actual = answer(evaluate(flags, environment, vector));
            if (update) {
                vector.put("expected", actual);
            } else if (!same(actual, vector.get("expected"))) {
                failures.add(vector.get("flag") + " (" + vector.get("type") + ") for " + vector.get("context")
                        + ": expected " + vector.get("expected") + " but was " + actual);
            }
        }
        if (update) {
            Files.writeString(file, JSON.writeValueAsString(vectors) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(failures).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static EvaluationResult<?> evaluate(FlagSet flags, String environment, Map<String, Object> vector) {
        String key = (String) vector.get("flag");
        EvaluationContext context = EvaluationContext.of((Map<String, Object>) vector.get("context"));
        Object fallback = vector.get("default");
        return switch ((String) vector.get("type")) {
            case "boolean" -> EVALUATOR.evaluateBoolean(flags, key, environment, context, (Boolean) fallback);
            case "string" -> EVALUATOR.evaluateString(flags, key, environment, context, (String) fallback);
            case "number" -> EVALUATOR.evaluateNumber(flags, key, environment, context, (Number) fallback);
            case "json" -> EVALUATOR.evaluateJson(flags, key, environment, context, fallback);
            default -> EVALUATOR.evaluate(flags, key, environment, context);
        };
    }

    static Map<String, Object> answer(EvaluationResult<?> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", result.value());
        out.put("variation", result.variation().orElse(null));
        out.put("reason", result.reason().name());
        out.put("ruleId", result.ruleId().orElse(null));
        out.put("errorCode", result.errorCode().map(Enum::name).orElse(null));
        return out;
    }

    /** Equal JSON values, numbers by value. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object name : x.keySet()) {
                if (!same(x.get(name), y.get(name))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    @Test
    @SuppressWarnings("unchecked")
    void resolutionVectors() throws IOException {
        Map<String, Object> vectors = JSON.readValue(
                Files.readString(SPEC.resolve("resolution-vectors.json"), StandardCharsets.UTF_8), Map.class);
        int checked = 0;
        for (Map<String, Object> suite : (List<Map<String, Object>>) vectors.get("suites")) {
            List<String> dimensions = (List<String>) suite.get("dimensions");
            List<Layer> layers = new ArrayList<>();
            for (Map<String, Object> layer : (List<Map<String, Object>>) suite.get("layers")) {
                Map<String, String> selector = (Map<String, String>) layer.get("selector");
                List<String> values = new ArrayList<>();
                dimensions.forEach(d -> values.add(selector.getOrDefault(d, Selector.ANY)));
                layers.add(new Layer(new Selector(values), (Map<String, Object>) layer.get("content")));
            }
            LayerSet set = LayerSet.of(dimensions, layers);
            for (Map<String, Object> vector : (List<Map<String, Object>>) suite.get("cases")) {
                Map<String, String> scope = (Map<String, String>) vector.get("scope");
                List<String> values = new ArrayList<>();
                dimensions.forEach(d -> values.add(scope.get(d)));
                Resolution resolution = ConfigResolver.resolve(set, new Scope(values), false);
                Object expected = vector.get("expected");
                String what = suite.get("name") + " " + scope + ": " + vector.get("why");
                if (expected == null) {
                    assertThat(resolution.layers()).as(what).isEmpty();
                } else {
                    assertThat(same(resolution.config(), expected))
                            .as(what + ": " + resolution.config())
                            .isTrue();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }
}
