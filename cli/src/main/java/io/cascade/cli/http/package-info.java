/**
 * The CLI's thin GraphQL client: one JSON POST per command step, the key as a bearer token, and
 * errors turned into {@link io.cascade.cli.error.CliException}s by their {@code extensions.code}.
 * Parameters and returns are never null; {@link io.cascade.cli.http.GraphQlClient} is thread-safe.
 */
package io.cascade.cli.http;
