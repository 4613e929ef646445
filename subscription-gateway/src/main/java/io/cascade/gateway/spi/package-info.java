/**
 * What the gateway needs from its host process: namespaces and their revisions, key checks, and a
 * host registry. The server implements these with its own state when the gateway runs inside it;
 * the standalone gateway implements them over HTTP and Redis. Implementations are thread-safe.
 */
package io.cascade.gateway.spi;
