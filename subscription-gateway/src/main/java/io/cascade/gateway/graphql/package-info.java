/** The GraphQL scalars of the schema ({@code JSON}, {@code DateTime}), shared by the server and the gateway. */
package io.cascade.gateway.graphql;
