package io.cascade.evaluator.rollout;

import io.cascade.evaluator.snapshot.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A running (or paused) config rollout as the hosts see it: the base revision everyone outside the
 * cohort runs, the candidate the cohort runs, and the cohorts of the stages reached so far. A host
 * in any of them runs the candidate, so a host that was in an earlier stage stays in every later one.
 */
public record ActiveRollout(String id, int baseRevision, int candidateRevision, List<Cohort> cohorts) {

    public ActiveRollout {
        Objects.requireNonNull(id, "id");
        cohorts = List.copyOf(cohorts);
        if (baseRevision < 1 || candidateRevision <= baseRevision) {
            throw new IllegalArgumentException(
                    "candidate " + candidateRevision + " must come after base " + baseRevision);
        }
    }

    /** Whether the host runs the candidate now; a subscriber or read without a host id never does. */
    public boolean servesCandidate(String hostId, Map<String, String> scope, Snapshot candidate) {
        if (hostId == null) {
            return false;
        }
        for (Cohort cohort : cohorts) {
            if (cohort.contains(id, hostId, scope, candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The cohort name the gateway groups the candidate's subscribers under. */
    public String candidateCohort() {
        return "candidate:" + id;
    }
}
