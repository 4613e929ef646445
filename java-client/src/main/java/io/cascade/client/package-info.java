/**
 * The Cascade client that hosts embed: {@link io.cascade.client.CascadeClient#builder()}, typed config
 * views ({@link io.cascade.client.ConfigView}), change listeners ({@link io.cascade.client.CascadeListener})
 * and local flag evaluation. Parameters and returns are never null unless a method says so. Every
 * type here is thread-safe or immutable.
 */
package io.cascade.client;
