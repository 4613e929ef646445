/**
 * The Cascade server: a Spring Boot application exposing the GraphQL API over the MongoDB store.
 *
 * <p>Nothing here is a library API; the contract is the GraphQL schema in {@code graphql-schema}.
 */
package io.cascade.server;
