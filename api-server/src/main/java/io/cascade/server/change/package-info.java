/**
 * Change control: environment policies (protected environments and who approves), the guard that
 * refuses direct writes to protected environments, and change requests (propose, review, apply as one
 * revision). For the GraphQL controllers and, through {@link io.cascade.server.change.ChangeRequests},
 * for features that commit approved changes (rollouts). Parameters and returns are never null unless
 * documented; the services are thread-safe.
 */
package io.cascade.server.change;
