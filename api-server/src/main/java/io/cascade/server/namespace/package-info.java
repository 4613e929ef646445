/**
 * Namespaces and their revisions: the in-memory state derived from the store, the write path with
 * its compare-and-set, validation of every change against the schema, history, as-of reads, diff
 * and restore.
 *
 * <p>Reads are served from immutable {@link io.cascade.server.namespace.Snapshot} snapshots;
 * a write builds the next snapshot and swaps it in. Parameters and returns are non-null unless
 * documented.
 */
package io.cascade.server.namespace;
