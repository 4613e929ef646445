/**
 * The schema registry's rules: JSON Schema (draft 2020-12) validation of resolved configs,
 * {@code x-cascade-overridable} override rules, and the structural diff between schema versions.
 *
 * <p>Schemas are compiled once per version; regexes in {@code pattern} run on RE2/J (linear time)
 * and remote {@code $ref}s are never fetched.
 */
package io.cascade.server.schema;
