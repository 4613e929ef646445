/**
 * Checked tree to {@link io.cascade.rules.CompiledRule}: {@link
 * io.cascade.rules.compile.TreeCompiler#compile} is the entry point; everything else here is
 * package-private. The hot-path rules are in the notes on {@code Node}.
 *
 * <p>For {@link io.cascade.rules.RuleCompiler}; callers normally go through it.
 *
 * <p>Nullness: nothing is null. Thread safety: compiled rules are immutable and safe to test from
 * any number of threads at once.
 */
package io.cascade.rules.compile;
