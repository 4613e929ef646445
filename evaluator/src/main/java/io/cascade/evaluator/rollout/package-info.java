/**
 * Which hosts a rollout's current stage serves its candidate: cohorts by site, percentage of host
 * ids, segment or everyone, and a running config rollout as the gateway sees it. Pure and shared by
 * the server and the standalone gateway, so both put every host in the same cohort.
 *
 * <p>Immutable and thread-safe; parameters and return values are never null.
 */
package io.cascade.evaluator.rollout;
