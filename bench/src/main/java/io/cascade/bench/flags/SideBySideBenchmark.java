package io.cascade.bench.flags;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.integrations.FileData;
import io.cascade.bench.flags.SideBySideFixture.Attributes;
import io.cascade.evaluator.flag.EnvironmentFlags;
import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.flag.EvaluationResult;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.flag.FlagSetResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cascade and LaunchDarkly's server SDK evaluating the same flags ({@link SideBySideFixture}) in one
 * JMH run: whole-flag evaluation by flag key, each call on the next of 4 096 distinct contexts,
 * contexts built (and, for Cascade, bound to the flag set) in {@code @Setup}. LaunchDarkly reads its
 * flags from a file data source with events and diagnostics off, so it makes no network call.
 *
 * <p>Both sides answer with details nobody reads here: Cascade's evaluation returns the full result
 * (variation, reason, rule), LaunchDarkly's {@code boolVariation} the value only, its cheapest call.
 * Run with {@code -prof gc} for B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SideBySideBenchmark {

    private static final int MASK = SideBySideFixture.CONTEXTS - 1;

    private FlagSet flags;
    private EnvironmentFlags prod;
    private EvaluationContext[] cascadeRandom;
    private EvaluationContext[] cascadeMatching;
    private EvaluationContext[] cascadeMissing;

    private Path launchDarklyFile;
    private LDClient launchDarkly;
    private LDContext[] ldRandom;
    private LDContext[] ldMatching;
    private LDContext[] ldMissing;

    private List<Attributes> random;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        FlagSetResult compiled = FlagSet.compile(SideBySideFixture.cascadeFlags(), SideBySideFixture.cascadeSegments());
        if (!compiled.ok()) {
            throw new IllegalStateException(compiled.problems().toString());
        }
        flags = compiled.flagSet();
        prod = flags.environment(SideBySideFixture.ENVIRONMENT).orElseThrow();
        random = SideBySideFixture.randomContexts(42);
        List<Attributes> matching = SideBySideFixture.matchingContexts(43);
        List<Attributes> missing = SideBySideFixture.missingContexts(44);
        cascadeRandom = cascade(random);
        cascadeMatching = cascade(matching);
        cascadeMissing = cascade(missing);

        launchDarklyFile = Files.createTempFile("ld-flags", ".json");
        Files.writeString(launchDarklyFile, SideBySideFixture.launchDarklyFile(), StandardCharsets.UTF_8);
        LDConfig config = new LDConfig.Builder()
                .dataSource(FileData.dataSource().filePaths(launchDarklyFile).autoUpdate(false))
                .events(Components.noEvents())
                .diagnosticOptOut(true)
                .logging(Components.noLogging())
                .build();
        launchDarkly = new LDClient("sdk-bench-not-a-real-key", config);
        if (!launchDarkly.isInitialized()) {
            throw new IllegalStateException("LaunchDarkly did not load " + launchDarklyFile);
        }
        ldRandom = launchDarkly(random);
        ldMatching = launchDarkly(matching);
        ldMissing = launchDarkly(missing);
        checkBothAgree();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        launchDarkly.close();
        Files.deleteIfExists(launchDarklyFile);
    }

    // ---- Cascade

    @Benchmark
    public EvaluationResult<Boolean> cascadePlain() {
        return cascade("plain", cascadeRandom);
    }

    @Benchmark
    public EvaluationResult<Boolean> cascadeRuleMatch() {
        return cascade("three-conditions", cascadeMatching);
    }

    @Benchmark
    public EvaluationResult<Boolean> cascadeRuleMiss() {
        return cascade("three-conditions", cascadeMissing);
    }

    @Benchmark
    public EvaluationResult<Boolean> cascadeSplit25() {
        return cascade("rollout", cascadeRandom);
    }

    @Benchmark
    public EvaluationResult<Boolean> cascadeSegment1k() {
        return cascade("beta-segment", cascadeRandom);
    }

    @Benchmark
    public EvaluationResult<Boolean> cascadeTenRules() {
        return cascade("ten-rules", cascadeRandom);
    }

    /** What evaluation with a bound context leaves out: building a context and binding it to the set. */
    @Benchmark
    public EvaluationContext cascadeBuildAndBindContext() {
        Attributes a = random.get(next++ & MASK);
        return EvaluationContext.builder()
                .targetingKey(a.key())
                .set("country", a.country())
                .set("plan", a.plan())
                .set("appVersion", a.appVersion())
                .build()
                .boundTo(flags);
    }

    // ---- LaunchDarkly

    /** What LaunchDarkly's evaluations leave out: building a context. */
    @Benchmark
    public LDContext launchDarklyBuildContext() {
        Attributes a = random.get(next++ & MASK);
        return LDContext.builder(a.key())
                .set("country", a.country())
                .set("plan", a.plan())
                .set("appVersion", a.appVersion())
                .build();
    }

    @Benchmark
    public boolean launchDarklyPlain() {
        return launchDarkly("plain", ldRandom);
    }

    @Benchmark
    public boolean launchDarklyRuleMatch() {
        return launchDarkly("three-conditions", ldMatching);
    }

    @Benchmark
    public boolean launchDarklyRuleMiss() {
        return launchDarkly("three-conditions", ldMissing);
    }

    @Benchmark
    public boolean launchDarklySplit25() {
        return launchDarkly("rollout", ldRandom);
    }

    @Benchmark
    public boolean launchDarklySegment1k() {
        return launchDarkly("beta-segment", ldRandom);
    }

    @Benchmark
    public boolean launchDarklyTenRules() {
        return launchDarkly("ten-rules", ldRandom);
    }

    private EvaluationResult<Boolean> cascade(String flag, EvaluationContext[] contexts) {
        return prod.evaluateBoolean(flag, contexts[next++ & MASK], false);
    }

    private boolean launchDarkly(String flag, LDContext[] contexts) {
        return launchDarkly.boolVariation(flag, contexts[next++ & MASK], false);
    }

    private EvaluationContext[] cascade(List<Attributes> contexts) {
        EvaluationContext[] out = new EvaluationContext[contexts.size()];
        for (int i = 0; i < out.length; i++) {
            Attributes a = contexts.get(i);
            out[i] = EvaluationContext.builder()
                    .targetingKey(a.key())
                    .set("country", a.country())
                    .set("plan", a.plan())
                    .set("appVersion", a.appVersion())
                    .build()
                    .boundTo(flags);
        }
        return out;
    }

    private static LDContext[] launchDarkly(List<Attributes> contexts) {
        LDContext[] out = new LDContext[contexts.size()];
        for (int i = 0; i < out.length; i++) {
            Attributes a = contexts.get(i);
            out[i] = LDContext.builder(a.key())
                    .set("country", a.country())
                    .set("plan", a.plan())
                    .set("appVersion", a.appVersion())
                    .build();
        }
        return out;
    }

    /** The two SDKs must serve the same variation wherever their semantics agree (all but the split). */
    private void checkBothAgree() {
        String[] flagKeys = {"plain", "three-conditions", "beta-segment", "ten-rules"};
        EvaluationContext[][] cascadeSets = {cascadeRandom, cascadeMatching, cascadeMissing};
        LDContext[][] ldSets = {ldRandom, ldMatching, ldMissing};
        for (String flag : flagKeys) {
            for (int set = 0; set < cascadeSets.length; set++) {
                for (int i = 0; i < SideBySideFixture.CONTEXTS; i++) {
                    EvaluationResult<Boolean> ours = prod.evaluateBoolean(flag, cascadeSets[set][i], false);
                    boolean theirs = launchDarkly.boolVariation(flag, ldSets[set][i], false);
                    if (ours.isError() || ours.value() != theirs) {
                        throw new IllegalStateException("'" + flag + "' differs for context " + i + " of set " + set
                                + ": Cascade " + ours + ", LaunchDarkly " + theirs);
                    }
                }
            }
        }
    }
}
