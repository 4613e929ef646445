package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.PROD;
import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.segment;
import static io.cascade.evaluator.flag.Fixtures.split;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad documents and contexts come back as data: compile and evaluate never throw, never fail with
 * a bug ({@code GENERAL}), and still answer what is valid. Each round mangles a flag and a segment,
 * compiles them beside an untouched flag, and evaluates for a random context.
 */
class NeverThrowsTest {

    private static final List<Object> ODD_VALUES = Arrays.asList(
            null,
            1,
            -1.5,
            Double.NaN,
            "",
            "x",
            "on",
            true,
            List.of(),
            Map.of(),
            List.of(1, "a"),
            Map.of("serve", "on"),
            Map.of("k", Map.of("k", List.of())),
            "tenant in segment(\"beta\")",
            "((",
            "pro",
            1e300);
    private static final Map<String, Object> VALID_CONTEXT =
            Map.of("targetingKey", "u7", "plan", "pro", "country", "US", "tenant", "acme");
    /** Untouched beside the mangled flag: {@code on} for plan {@code pro}, else {@code off}. */
    private static final Map<String, Object> CONTROL = flag("control")
            .on()
            .rule("pro", "plan == \"pro\"", "on")
            .fallthrough("off")
            .build();

    private final Random random = new Random(20_261_201L);
    private final FlagEvaluator evaluator = FlagEvaluator.create();

    @Test
    void mangledDocumentsCompileAndEvaluateWithoutThrowing() {
        int controlsChecked = 0;
        int validFlagsChecked = 0;
        for (int round = 0; round < 3_000; round++) {
            Map<String, Object> flagDoc = mutableCopy(validFlag());
            Map<String, Object> segmentDoc = mutableCopy(
                    segment("beta").include("acme").when("plan == \"pro\"").build());
            mangle(flagDoc, 1 + random.nextInt(3));
            mangle(segmentDoc, random.nextInt(2));
            Map<String, Object> json = randomContext();

            FlagSetResult result = FlagSet.compile(List.of(flagDoc, CONTROL), List.of(segmentDoc));
            FlagSet set = result.flagSet();
            EvaluationContext context = EvaluationContext.of(json);
            EvaluationResult<?> checkout = evaluator.evaluate(set, "checkout", PROD, context);
            EvaluationResult<Object> control = evaluator.evaluate(set, "control", PROD, context);
            EvaluationResult<?> typed = evaluator.evaluateBoolean(set, "checkout", PROD, context, false);
            Map<String, EvaluationResult<Object>> all = evaluator.evaluateAll(set, PROD, context);

            String at = "round " + round + ", flag " + flagDoc + ", context " + json;
            assertThat(List.of(checkout, control, typed))
                    .as("no bug reported as data in %s", at)
                    .noneMatch(NeverThrowsTest::isBug);
            assertThat(all.values()).as("evaluateAll in %s", at).noneMatch(NeverThrowsTest::isBug);
            assertThat(all).as("evaluateAll in %s", at).containsEntry("control", control);
            if (all.containsKey("checkout")) {
                assertThat(all.get("checkout")).as("evaluateAll in %s", at).isEqualTo(checkout);
            }
            assertThat(typed.value()).as("evaluateBoolean in %s", at).isInstanceOf(Boolean.class);
            boolean definesProd =
                    flagDoc.get("environments") instanceof Map<?, ?> environments && environments.containsKey(PROD);
            if (result.ok() && "checkout".equals(flagDoc.get("key")) && definesProd) {
                EvaluationResult<?> answer =
                        evaluator.evaluate(set, "checkout", PROD, EvaluationContext.of(VALID_CONTEXT));
                assertThat(answer.isError())
                        .as("a valid flag for a valid context in %s: %s", at, answer)
                        .isFalse();
                validFlagsChecked++;
            }
            if (plainlyValid(json)) {
                boolean pro = "pro".equals(json.get("plan"));
                assertThat(control.value()).as("control in %s", at).isEqualTo(pro);
                assertThat(control.reason())
                        .as("control in %s", at)
                        .isEqualTo(pro ? Reason.TARGETING_MATCH : Reason.DEFAULT);
                controlsChecked++;
            }
        }
        assertThat(controlsChecked).as("rounds with a plainly valid context").isGreaterThan(500);
        assertThat(validFlagsChecked).as("rounds whose flag stayed valid").isGreaterThan(20);
    }

    @Test
    void documentsOfTheWrongShapeAreProblemsNotExceptions() {
        List<Object> documents = Arrays.asList(null, 1, "flag", List.of(), Map.of(), Map.of(1, 2));

        FlagSetResult result = FlagSet.compile(documents, documents);

        assertThat(result.problems()).hasSizeGreaterThanOrEqualTo(documents.size() * 2);
    }

    /** A bug caught and reported as data, which mangled input must never reach. */
    private static boolean isBug(EvaluationResult<?> result) {
        return result.errorCode().filter(code -> code == ErrorCode.GENERAL).isPresent();
    }

    /**
     * Whether the context is valid by the plainest reading of the spec: a string targeting key (or
     * none) and attributes that are strings, booleans or finite numbers.
     */
    private static boolean plainlyValid(Map<String, Object> json) {
        Object key = json.get("targetingKey");
        if (key != null && !(key instanceof String)) {
            return false;
        }
        return json.values().stream()
                .allMatch(value -> value instanceof String
                        || value instanceof Boolean
                        || value instanceof Integer
                        || value instanceof Double number && Double.isFinite(number));
    }

    private static Map<String, Object> validFlag() {
        return flag("checkout")
                .on()
                .target("on", "u1")
                .rule("beta", "tenant in segment(\"beta\")", "on")
                .splitRule("us", "country == \"US\"", split("on", 25, "off", 75))
                .fallthroughSplit(split("on", 50, "off", 50))
                .build();
    }

    private Map<String, Object> randomContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        String[] names = {"targetingKey", "tenant", "plan", "country", "user"};
        for (String name : names) {
            if (random.nextBoolean()) {
                context.put(name, pick());
            }
        }
        return context;
    }

    private Object pick() {
        return mutableCopy(ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
    }

    @SuppressWarnings("unchecked")
    private void mangle(Map<String, Object> doc, int times) {
        for (int t = 0; t < times; t++) {
            List<Object> containers = new ArrayList<>();
            collect(doc, containers);
            Object container = containers.get(random.nextInt(containers.size()));
            if (container instanceof Map<?, ?> map) {
                mangleMap((Map<String, Object>) map);
            } else {
                List<Object> list = (List<Object>) container;
                if (list.isEmpty()) {
                    list.add(pick());
                } else {
                    list.set(random.nextInt(list.size()), pick());
                }
            }
        }
    }

    private void mangleMap(Map<String, Object> map) {
        List<String> keys = new ArrayList<>(map.keySet());
        int action = random.nextInt(3);
        if (keys.isEmpty() || action == 0) {
            map.put("extra" + random.nextInt(3), pick());
        } else if (action == 1) {
            map.remove(keys.get(random.nextInt(keys.size())));
        } else {
            map.put(keys.get(random.nextInt(keys.size())), pick());
        }
    }

    private static void collect(Object value, List<Object> containers) {
        if (value instanceof Map<?, ?> map) {
            containers.add(map);
            map.values().forEach(v -> collect(v, containers));
        } else if (value instanceof List<?> list) {
            containers.add(list);
            list.forEach(v -> collect(v, containers));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T mutableCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, mutableCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(mutableCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
