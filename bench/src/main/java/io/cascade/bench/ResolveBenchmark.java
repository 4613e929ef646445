package io.cascade.bench;

import io.cascade.evaluator.config.AffectedScopes;
import io.cascade.evaluator.config.ConfigResolver;
import io.cascade.evaluator.config.Json;
import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LayerSet;
import io.cascade.evaluator.config.Resolution;
import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.ScopeGroup;
import io.cascade.evaluator.config.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Layer resolution in the evaluator, without caching: what the server does the first time it sees
 * a scope, and on every request with {@code explain}; and the affected-scope search that every
 * layer change runs before it validates.
 *
 * <p>The namespace: defaults, 3 environment layers, 6 environment x site layers and {@code
 * tenants} tenant layers ({@link NamespaceFixture}). Each resolve call takes the next of 1 024
 * precomputed scopes {@code (environment, site, tenant)}, so every call merges 4 layers (defaults,
 * environment, site, tenant) and the hash lookups do not always hit the same entries.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ResolveBenchmark -prof gc -f 1 -wi 3 -i 5}.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResolveBenchmark {

    private static final int SCOPES = 1024;

    @Param("1000")
    int tenants;

    private LayerSet layers;
    private Scope[] scopes;
    private int next;

    private LayerSet afterTenantChange;
    private Selector changedTenant;

    @Setup
    public void setUp() {
        List<Layer> all = new ArrayList<>();
        all.add(layer(Selector.defaults(3), NamespaceFixture.defaults()));
        for (String environment : NamespaceFixture.ENVIRONMENTS) {
            all.add(layer(
                    Selector.of(environment, Selector.ANY, Selector.ANY), NamespaceFixture.environment(environment)));
            for (String site : NamespaceFixture.SITES) {
                all.add(layer(Selector.of(environment, site, Selector.ANY), NamespaceFixture.site(environment, site)));
            }
        }
        for (int i = 0; i < tenants; i++) {
            all.add(layer(
                    Selector.of(Selector.ANY, Selector.ANY, NamespaceFixture.tenant(i)),
                    NamespaceFixture.tenantLayer(i)));
        }
        layers = LayerSet.of(NamespaceFixture.DIMENSIONS, all);

        Random random = new Random(42);
        scopes = new Scope[SCOPES];
        for (int i = 0; i < SCOPES; i++) {
            scopes[i] = Scope.of(
                    NamespaceFixture.ENVIRONMENTS.get(random.nextInt(NamespaceFixture.ENVIRONMENTS.size())),
                    NamespaceFixture.SITES.get(random.nextInt(NamespaceFixture.SITES.size())),
                    NamespaceFixture.tenant(random.nextInt(tenants)));
        }

        int changed = tenants / 2;
        changedTenant = Selector.of(Selector.ANY, Selector.ANY, NamespaceFixture.tenant(changed));
        java.util.Map<String, Object> content = NamespaceFixture.tenantLayer(changed);
        content.put("limits", NamespaceFixture.object("requestsPerSecond", 12345));
        afterTenantChange = layers.with(layer(changedTenant, content));
        checkShape();
    }

    /** Fails the run early if the fixture does not produce what the numbers claim to measure. */
    private void checkShape() {
        Resolution resolution = ConfigResolver.resolve(layers, scopes[0], true);
        if (resolution.layers().size() != 4 || resolution.sources().size() < 20) {
            throw new IllegalStateException("expected 4 layers and 20+ leaves, got "
                    + resolution.layers().size() + " layers, "
                    + resolution.sources().size() + " leaves");
        }
        List<ScopeGroup> groups = AffectedScopes.of(afterTenantChange, changedTenant);
        if (groups.isEmpty()) {
            throw new IllegalStateException("a tenant change affects no scope");
        }
    }

    private static Layer layer(Selector selector, java.util.Map<String, Object> content) {
        return new Layer(selector, Json.freezeObject(content));
    }

    private Scope nextScope() {
        int i = next;
        next = (i + 1) & (SCOPES - 1);
        return scopes[i];
    }

    /** One scope resolved: 4 matching layers merged, no provenance. */
    @Benchmark
    public Resolution resolve() {
        return ConfigResolver.resolve(layers, nextScope(), false);
    }

    /** The same with provenance for every leaf ({@code explain: true}). */
    @Benchmark
    public Resolution resolveExplain() {
        return ConfigResolver.resolve(layers, nextScope(), true);
    }

    /** The scopes one tenant's layer change can affect, in a namespace of {@code tenants} tenants. */
    @Benchmark
    public List<ScopeGroup> affectedScopesTenantChange() {
        return AffectedScopes.of(afterTenantChange, changedTenant);
    }
}
