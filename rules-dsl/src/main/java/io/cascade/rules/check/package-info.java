/**
 * Type checking: {@link io.cascade.rules.check.TypeChecker#check} resolves attributes against an
 * {@link io.cascade.rules.AttributeSchema}, checks operators and functions, and reports every
 * error at once, each at its exact position. The result is a {@link
 * io.cascade.rules.check.CheckedRule}: the unchanged tree plus side tables of types and
 * precomputed literals.
 *
 * <p>For {@link io.cascade.rules.RuleCompiler} and tools (editors, linters).
 *
 * <p>Nullness: nothing is null. Thread safety: stateless checker; immutable results.
 */
package io.cascade.rules.check;
