/**
 * A namespace as of one revision ({@link io.cascade.evaluator.snapshot.Snapshot}), the changes a
 * revision is made of ({@link io.cascade.evaluator.snapshot.Change}), and applying one to the other.
 *
 * <p>The server and the Java client hold the same snapshots and apply revisions with this code, so
 * they resolve every scope and evaluate every flag alike. Everything here is immutable and
 * thread-safe; parameters and return values are never null unless a method says so. Pure: no I/O,
 * no JSON library (documents are plain Java JSON values).
 */
package io.cascade.evaluator.snapshot;
