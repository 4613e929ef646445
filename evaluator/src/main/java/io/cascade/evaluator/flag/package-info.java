/**
 * Feature flags: the flag and segment model, its validation, compiled snapshots and evaluation.
 *
 * <p>For the API server and the Java client, which run the very same code so a host and the server
 * always agree on a flag's value. Start at {@link io.cascade.evaluator.flag.FlagSet#compile}: it
 * reads flag and segment documents (plain Java JSON values: {@code Map}, {@code List}, {@code
 * String}, {@code Number}, {@code Boolean}, {@code null}) into an immutable {@link
 * io.cascade.evaluator.flag.FlagSet} plus every {@link io.cascade.evaluator.flag.ValidationProblem};
 * then {@link io.cascade.evaluator.flag.FlagSet#environment} gives the {@link
 * io.cascade.evaluator.flag.EnvironmentFlags} of one environment, which evaluate flags by key for an
 * {@link io.cascade.evaluator.flag.EvaluationContext} (built with {@code EvaluationContext.builder()}
 * and bound to the set once). {@link io.cascade.evaluator.flag.FlagEvaluator} does the same with the
 * environment named on each call. Reading documents from JSON text is not done here: the Java
 * client does it with Jackson.
 *
 * <p>Guarantees: parameters and return values are never {@code null}, except {@link
 * io.cascade.evaluator.flag.EvaluationResult#value()} of an error; absent values are {@code
 * Optional}. Every public type is immutable and thread-safe. Evaluation never throws and does no
 * I/O; bad documents come back as problems, never as exceptions. The exact semantics are in {@code
 * docs/flags.md} and {@code docs/spec/bucketing.md}.
 */
package io.cascade.evaluator.flag;
