/**
 * The server's error model: every failure a client can cause is a {@link
 * io.cascade.server.error.CascadeException} with an {@link io.cascade.server.error.ApiErrorCode},
 * turned into a GraphQL error with {@code extensions.code} in exactly one place.
 */
package io.cascade.server.error;
