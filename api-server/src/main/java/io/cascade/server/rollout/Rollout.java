package io.cascade.server.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rollout as stored: its plan (the JSON it was started with), the revisions it is about, where it
 * is, and since when. {@code version} goes up by one with every change: the compare-and-set that
 * keeps two writers (an orchestrator and an operator, or two orchestrators) from both acting.
 *
 * @param baseRevision the revision hosts ran before (a flag ramp: the revision before its first stage)
 * @param candidateRevision the config rollout's candidate; a flag ramp's latest stage revision
 * @param stageStartedAt when the current stage began: bake time counts from here, across restarts
 * @param pausedAt when it was paused, while it is; the bake clock stands still meanwhile
 * @param aborting an abort was decided ({@code abortReason}) and its rollback may not be committed yet
 * @param flagBefore a flag ramp's flag document as it was before the rollout, which an abort restores
 * @param stageResults the counts each finished stage ended with
 */
public record Rollout(
        String id,
        String namespace,
        RolloutPlan.Kind kind,
        RolloutState state,
        Map<String, Object> plan,
        int baseRevision,
        Integer candidateRevision,
        int currentStage,
        Instant stageStartedAt,
        Instant pausedAt,
        boolean aborting,
        String abortReason,
        Integer rollbackRevision,
        Instant createdAt,
        Instant finishedAt,
        String author,
        String message,
        Map<String, Object> flagBefore,
        List<StageCounts> stageResults,
        long version) {

    public Rollout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(state, "state");
        stageResults = List.copyOf(stageResults);
    }

    /** Host counts of one stage. */
    public record StageCounts(int targeted, int applied, int healthy) {}

    RolloutPlan parsedPlan() {
        return PlanParser.parse(plan);
    }

    /** How long the current stage has baked at {@code now}: time paused does not count. */
    Duration baked(Instant now) {
        Instant until = pausedAt != null ? pausedAt : now;
        return stageStartedAt == null || until.isBefore(stageStartedAt)
                ? Duration.ZERO
                : Duration.between(stageStartedAt, until);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with some fields changed and the version one up. */
    static final class Builder {
        private final Rollout from;
        RolloutState state;
        Integer candidateRevision;
        int currentStage;
        Instant stageStartedAt;
        Instant pausedAt;
        boolean aborting;
        String abortReason;
        Integer rollbackRevision;
        Instant finishedAt;
        List<StageCounts> stageResults;
        int baseRevision;

        private Builder(Rollout from) {
            this.from = from;
            state = from.state;
            candidateRevision = from.candidateRevision;
            currentStage = from.currentStage;
            stageStartedAt = from.stageStartedAt;
            pausedAt = from.pausedAt;
            aborting = from.aborting;
            abortReason = from.abortReason;
            rollbackRevision = from.rollbackRevision;
            finishedAt = from.finishedAt;
            stageResults = from.stageResults;
            baseRevision = from.baseRevision;
        }

        Rollout build() {
            return new Rollout(
                    from.id,
                    from.namespace,
                    from.kind,
                    state,
                    from.plan,
                    baseRevision,
                    candidateRevision,
                    currentStage,
                    stageStartedAt,
                    pausedAt,
                    aborting,
                    abortReason,
                    rollbackRevision,
                    from.createdAt,
                    finishedAt,
                    from.author,
                    from.message,
                    from.flagBefore,
                    stageResults,
                    from.version + 1);
        }
    }
}
