/**
 * The Cascade rules DSL: compile targeting conditions once, test them many times.
 *
 * <p>Start at {@link io.cascade.rules.RuleCompiler}: {@code compile(source)} gives a {@link
 * io.cascade.rules.CompileResult} holding either a {@link io.cascade.rules.CompiledRule} or {@link
 * io.cascade.rules.Diagnostic}s with codes ({@code DSL_SYNTAX_ERROR}, {@code DSL_TYPE_ERROR},
 * {@code LIMIT_EXCEEDED}). A compiled rule reads a {@link io.cascade.rules.RuleContext}, which the
 * evaluator implements. Rules compiled together may share an {@link io.cascade.rules.AttributeLayout},
 * so that a context laid out by it is read by slot. {@link io.cascade.rules.Bucketing} is the shared
 * percentage hash.
 *
 * <p>Nullness: parameters and return values are never null unless a method says so ({@link
 * io.cascade.rules.RuleContext#attribute} returns null for a missing attribute). Thread safety:
 * every type here is immutable and thread-safe, except {@code RuleCompiler.Builder}, {@code
 * AttributeLayout.Builder} and a {@code RuleCompiler} given a layout to fill.
 */
package io.cascade.rules;
