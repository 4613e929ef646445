/**
 * Progressive delivery: rollout plans, their persisted state, the orchestrator that moves them
 * stage by stage or aborts them on a failing health gate or an alert, and the write lock a running
 * rollout holds on its namespace (or, for a flag ramp, its flag). Used by the API controllers and
 * the gateway state; thread-safe; parameters and returns are never null unless said so.
 */
package io.cascade.server.rollout;
