/**
 * Layered configuration: selectors, scopes, RFC 7396 merge, resolution in specificity order with
 * provenance, and the computation of which scopes a change can affect.
 *
 * <p>Used by the server and the client alike, so both resolve a scope to the same config. JSON is
 * modelled as plain Java values: {@code Map<String, Object>} (insertion-ordered), {@code
 * List<Object>}, {@code String}, {@code Number}, {@code Boolean} and {@code null}. Everything here
 * is immutable and thread-safe; parameters and return values are never null unless a method says
 * so.
 */
package io.cascade.evaluator.config;
