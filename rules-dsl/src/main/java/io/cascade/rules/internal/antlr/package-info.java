/**
 * The lexer and parser ANTLR generates from {@code CascadeRules.g4} at build time. Not API: only
 * {@code io.cascade.rules.parse.AstBuilder} uses these types.
 *
 * <p>Nullness and thread safety: as ANTLR generates them; each parse uses its own instances.
 */
package io.cascade.rules.internal.antlr;
