/**
 * Helpers shared by the type checker and the compiler: semantic versions and ISO-8601 date-times.
 * Not API: may change without notice.
 *
 * <p>Nullness: nothing is null. Thread safety: stateless.
 */
package io.cascade.rules.internal;
