/** Announcing committed revisions across processes: Redis pub/sub, or nothing with one process. Thread-safe. */
package io.cascade.gateway.bus;
