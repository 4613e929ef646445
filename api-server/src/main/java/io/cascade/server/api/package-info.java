/**
 * The GraphQL API over HTTP: controllers that map the schema in {@code graphql-schema} onto the
 * namespace service, the JSON and DateTime scalars, the one place exceptions become coded GraphQL
 * errors, and the guard that refuses bodies that are not GraphQL requests.
 */
package io.cascade.server.api;
