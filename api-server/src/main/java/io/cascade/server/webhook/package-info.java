/**
 * Webhooks: registration per namespace, events turned into deliveries from the revision log and
 * the namespace's audit chain (change request and rollout steps) with cursors per webhook, delivery
 * over HTTP with retries, HMAC-SHA256 signatures, and the guard that keeps webhook targets off
 * loopback, private, link-local and metadata addresses.
 *
 * <p>Every piece of delivery state lives in the store, so any replica may send and none sends the
 * same attempt as another at the same time (each attempt is claimed with a compare-and-set).
 * Parameters and returns are non-null unless documented; the public classes are thread-safe.
 */
package io.cascade.server.webhook;
