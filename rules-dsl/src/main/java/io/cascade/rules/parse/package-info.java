/**
 * Rule source to syntax tree. {@link io.cascade.rules.parse.AstBuilder#parse} is the only entry
 * point and the only code that touches the ANTLR-generated lexer and parser.
 *
 * <p>For {@link io.cascade.rules.RuleCompiler} and tools that want a tree without type checking.
 *
 * <p>Nullness: nothing is null. Thread safety: stateless; safe from any number of threads.
 */
package io.cascade.rules.parse;
