/**
 * The rules syntax tree: a sealed {@link io.cascade.rules.ast.Expr} of immutable records, each with
 * a {@link io.cascade.rules.Span}, and a {@link io.cascade.rules.ast.Printer} that turns a tree back
 * into source.
 *
 * <p>For tools that inspect or generate rules (linters, editors, the CLI); evaluating rules only
 * needs {@link io.cascade.rules.RuleCompiler}. No ANTLR type appears here.
 *
 * <p>Nullness: nothing is null. Thread safety: every type is immutable; {@code Printer} is
 * stateless.
 */
package io.cascade.rules.ast;
