/**
 * Benchmarks, for whoever measures Cascade; nothing here is used at run time and nothing here runs
 * during the build.
 *
 * <ul>
 *   <li>{@link io.cascade.bench.ResolveBenchmark}: JMH, layer resolution and affected-scope
 *       computation in the evaluator, on the namespace {@link io.cascade.bench.NamespaceFixture}
 *       describes.
 *   <li>{@link io.cascade.bench.GraphQlLoad}: a load generator for {@code resolveConfig} or, with
 *       {@code --operation evaluate}, {@code evaluateFlags} ({@link io.cascade.bench.FlagFixture})
 *       over GraphQL against a running server on loopback ({@code bench/run-load.sh} starts one).
 *   <li>Flag evaluation benchmarks (compiled rules, splits, segments) belong in {@code
 *       io.cascade.bench.flags}; they come with the rules-DSL/flags work.
 * </ul>
 */
package io.cascade.bench;
