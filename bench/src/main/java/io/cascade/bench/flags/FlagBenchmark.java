package io.cascade.bench.flags;

import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.flag.EvaluationResult;
import io.cascade.evaluator.flag.FlagEvaluator;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.flag.FlagSetResult;
import io.cascade.rules.CompiledRule;
import io.cascade.rules.RuleCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The targets of PRODUCT.md: a 3-condition rule, a 25% split, and a segment test with 1 000 and
 * 100 000 keys at 50 ns/op or less and 0 B/op; plus a whole flag with 10 rules. Run with {@code
 * -prof gc} to see allocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlagBenchmark {

    private CompiledRule threeConditions;
    private CompiledRule segment1k;
    private CompiledRule segment100k;
    private FlagSet flags;
    private EvaluationContext context;
    private final FlagEvaluator evaluator = FlagEvaluator.create();

    @Setup
    public void setUp() {
        RuleCompiler compiler = RuleCompiler.create();
        threeConditions = compiler.compile(
                        "country in [\"US\", \"CA\"] and plan == \"enterprise\" and appVersion >= 42")
                .rule();
        segment1k = compiler.compile("tenant in segment(\"tenants-1k\")").rule();
        segment100k = compiler.compile("tenant in segment(\"tenants-100k\")").rule();

        FlagSetResult compiled = FlagSet.compile(
                List.of(rolloutFlag(), tenRuleFlag()),
                List.of(segment("tenants-1k", 1_000), segment("tenants-100k", 100_000)));
        if (!compiled.ok()) {
            throw new IllegalStateException(compiled.problems().toString());
        }
        flags = compiled.flagSet();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("targetingKey", "user-314159");
        attributes.put("country", "US");
        attributes.put("plan", "enterprise");
        attributes.put("appVersion", 57);
        attributes.put("tenant", "tenant-777");
        attributes.put("region", "eu-west-1");
        context = EvaluationContext.of(attributes).boundTo(flags);
    }

    @Benchmark
    public boolean ruleWithThreeConditions() {
        return threeConditions.test(context);
    }

    @Benchmark
    public EvaluationResult<Object> split25Percent() {
        return evaluator.evaluate(flags, "rollout", "prod", context);
    }

    @Benchmark
    public boolean segmentOf1kKeys() {
        return segment1k.test(context);
    }

    @Benchmark
    public boolean segmentOf100kKeys() {
        return segment100k.test(context);
    }

    @Benchmark
    public EvaluationResult<Object> flagWithTenRules() {
        return evaluator.evaluate(flags, "ten-rules", "prod", context);
    }

    private static Map<String, Object> rolloutFlag() {
        Map<String, Object> prod = new LinkedHashMap<>();
        prod.put("enabled", true);
        prod.put("offVariation", "off");
        prod.put(
                "fallthrough",
                Map.of("split", List.of(Map.of("serve", "on", "weight", 25), Map.of("serve", "off", "weight", 75))));
        return flag("rollout", prod);
    }

    /** Ten rules; the context matches only the last, so every condition is tested. */
    private static Map<String, Object> tenRuleFlag() {
        List<Object> rules = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rules.add(Map.of("id", "r" + i, "when", "country == \"X" + i + "\" and appVersion >= " + i, "serve", "on"));
        }
        rules.add(Map.of(
                "id", "last", "when", "tenant in segment(\"tenants-1k\") or region matches \"^eu-\"", "serve", "on"));
        Map<String, Object> prod = new LinkedHashMap<>();
        prod.put("enabled", true);
        prod.put("offVariation", "off");
        prod.put("rules", rules);
        prod.put("fallthrough", Map.of("serve", "off"));
        return flag("ten-rules", prod);
    }

    private static Map<String, Object> flag(String key, Map<String, Object> prod) {
        Map<String, Object> flag = new LinkedHashMap<>();
        flag.put("key", key);
        flag.put("type", "boolean");
        flag.put("variations", Map.of("on", true, "off", false));
        flag.put("environments", Map.of("prod", prod));
        return flag;
    }

    private static Map<String, Object> segment(String key, int size) {
        List<Object> included = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            included.add("tenant-" + (i * 2 + 1));
        }
        return Map.of("key", key, "included", included, "when", "plan == \"enterprise\"");
    }
}
