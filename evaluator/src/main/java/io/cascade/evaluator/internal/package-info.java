/**
 * Data structures the evaluator is built from; not for use outside the module. Immutable and
 * thread-safe.
 */
package io.cascade.evaluator.internal;
