/**
 * The MongoDB store, reached only through mongodb-driver-sync.
 *
 * <p>Revisions are immutable documents; the unique index on {@code (namespace, revision)} is the
 * compare-and-set that serialises writers, so neither transactions nor change streams are needed.
 * Everything else the server knows is derived from them in memory. Without {@code
 * CASCADE_MONGODB_URI} an in-process Mongo-wire server with an H2 file under the data directory
 * plays MongoDB.
 */
package io.cascade.server.store;
