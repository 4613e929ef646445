package io.cascade.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.server.store.RevisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecentRevisionsTest {

    private final RecentRevisions recent = new RecentRevisions(5);

    @Test
    void keepsTheNewestRevisionsOfEachNamespace() {
        recent.addAll(revisions("a", 1, 8));
        recent.add(revision("b", 1));

        assertThat(page("a", Integer.MAX_VALUE, 100)).containsExactly(8, 7, 6, 5, 4);
        assertThat(page("b", Integer.MAX_VALUE, 100)).containsExactly(1);
        assertThat(recent.newestFirst("c", Integer.MAX_VALUE, 100)).isEmpty();
    }

    @Test
    void pagesGoBackwardsFromTheCursorAndStopWhereTheHeldRunBegins() {
        recent.addAll(revisions("a", 1, 8));

        assertThat(page("a", Integer.MAX_VALUE, 2)).containsExactly(8, 7);
        assertThat(page("a", 7, 2)).containsExactly(6, 5);
        assertThat(page("a", 6, 100)).as("short: 3 and older are not held").containsExactly(5, 4);
        assertThat(recent.newestFirst("a", 4, 100)).as("nothing of it held").isEmpty();
    }

    @Test
    void beforeTheFirstRevisionThereIsNothing() {
        recent.addAll(revisions("a", 1, 3));

        assertThat(recent.newestFirst("a", 1, 10)).contains(List.of());
        assertThat(recent.newestFirst("a", Integer.MIN_VALUE, 10)).contains(List.of());
    }

    @Test
    void revisionsAlreadyHeldAreIgnoredAndOneAfterAGapStartsAgain() {
        recent.addAll(revisions("a", 1, 3));
        recent.addAll(revisions("a", 2, 4));
        assertThat(page("a", Integer.MAX_VALUE, 100)).containsExactly(4, 3, 2, 1);

        recent.add(revision("a", 9));
        assertThat(page("a", Integer.MAX_VALUE, 100)).containsExactly(9);
        assertThat(recent.newestFirst("a", 9, 100)).isEmpty();
    }

    private List<Integer> page(String namespace, int before, int limit) {
        Optional<List<RevisionRecord>> page = recent.newestFirst(namespace, before, limit);
        assertThat(page).isPresent();
        return page.get().stream().map(RevisionRecord::revision).toList();
    }

    private static List<RevisionRecord> revisions(String namespace, int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(n -> revision(namespace, n))
                .toList();
    }

    private static RevisionRecord revision(String namespace, int n) {
        return new RevisionRecord(namespace, n, "layer.put", "tester", null, null, "r" + n, Instant.EPOCH, List.of());
    }
}
