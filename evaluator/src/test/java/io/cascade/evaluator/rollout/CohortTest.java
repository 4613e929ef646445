package io.cascade.evaluator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Revision;
import io.cascade.evaluator.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CohortTest {

    @Test
    void raisingAPercentageNeverRemovesAHostAlreadyIn() {
        for (int i = 0; i < 2000; i++) {
            String host = "host-" + i;
            boolean inOne = new Cohort.Percent(1).contains("ro-1", host, Map.of(), null);
            boolean inTen = new Cohort.Percent(10).contains("ro-1", host, Map.of(), null);
            assertThat(!inOne || inTen).as(host).isTrue();
        }
    }

    @Test
    void aPercentageTakesRoughlyThatShareOfHosts() {
        int in = 0;
        for (int i = 0; i < 10_000; i++) {
            if (new Cohort.Percent(10).contains("ro-2", "host-" + i, Map.of(), null)) {
                in++;
            }
        }
        assertThat(in).isBetween(800, 1200);
    }

    @Test
    void sitesMatchTheSiteDimensionOnly() {
        Cohort sites = new Cohort.Sites(Set.of("us-east-1"));
        assertThat(sites.contains("r", "h", Map.of("site", "us-east-1"), null)).isTrue();
        assertThat(sites.contains("r", "h", Map.of("tenant", "us-east-1"), null))
                .isFalse();
    }

    @Test
    void aHostOfAnEarlierStageStaysInEveryLaterOne() {
        ActiveRollout first = new ActiveRollout("ro-3", 4, 5, List.of(new Cohort.Sites(Set.of("eu"))));
        ActiveRollout second =
                new ActiveRollout("ro-3", 4, 5, List.of(new Cohort.Sites(Set.of("eu")), new Cohort.Percent(1)));
        assertThat(first.servesCandidate("h-1", Map.of("site", "eu"), null)).isTrue();
        assertThat(second.servesCandidate("h-1", Map.of("site", "eu"), null)).isTrue();
        assertThat(second.servesCandidate(null, Map.of("site", "eu"), null)).isFalse();
    }

    @Test
    void cohortsReadBackWhatTheyWrite() {
        for (Cohort cohort : List.of(
                new Cohort.Sites(Set.of("a")),
                new Cohort.Percent(12.5),
                new Cohort.InSegment("s"),
                new Cohort.Everyone())) {
            assertThat(Cohort.fromHosts(cohort.toHosts())).isEqualTo(cohort);
        }
    }

    @Test
    void aSegmentCohortTestsTheHostIdAndTheHostsScope() {
        Snapshot snapshot = Snapshot.replay(
                "ns",
                List.of(
                        new Revision(
                                1,
                                Instant.EPOCH,
                                "t",
                                List.of(new Change.NamespaceCreated(List.of("environment", "site")))),
                        new Revision(
                                2,
                                Instant.EPOCH,
                                "t",
                                List.of(new Change.SegmentPut(
                                        "canaries",
                                        Map.of(
                                                "key",
                                                "canaries",
                                                "included",
                                                List.of("host-7"),
                                                "excluded",
                                                List.of("host-9"),
                                                "when",
                                                "site == \"eu-1\""))))));
        Cohort canaries = new Cohort.InSegment("canaries");
        assertThat(canaries.contains("r", "host-7", Map.of("site", "us-1"), snapshot))
                .isTrue();
        assertThat(canaries.contains("r", "host-8", Map.of("site", "eu-1"), snapshot))
                .isTrue();
        assertThat(canaries.contains("r", "host-9", Map.of("site", "eu-1"), snapshot))
                .isFalse();
        assertThat(canaries.contains("r", "host-8", Map.of("site", "us-1"), snapshot))
                .isFalse();
        assertThat(new Cohort.InSegment("missing").contains("r", "host-7", Map.of(), snapshot))
                .isFalse();
    }
}
