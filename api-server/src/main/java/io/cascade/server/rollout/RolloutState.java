package io.cascade.server.rollout;

/** Where a rollout is: RUNNING and PAUSED are active (they hold the write lock), the others final. */
public enum RolloutState {
    RUNNING,
    PAUSED,
    COMPLETED,
    ABORTED;

    boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
