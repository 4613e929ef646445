package io.cascade.evaluator.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    private static Revision revision(int number, Change... changes) {
        return new Revision(number, Instant.EPOCH.plusSeconds(number), "tester", List.of(changes));
    }

    private static List<Revision> history() {
        List<Revision> revisions = new ArrayList<>();
        revisions.add(revision(1, new Change.NamespaceCreated(List.of("environment", "site", "tenant"))));
        revisions.add(revision(2, new Change.LayerPut(List.of("*", "*", "*"), Map.of("a", 1, "b", 1))));
        revisions.add(revision(3, new Change.LayerPut(List.of("prod", "*", "*"), Map.of("a", 2))));
        revisions.add(revision(4, new Change.SegmentPut("beta", Map.of("key", "beta", "included", List.of("acme")))));
        revisions.add(revision(
                5,
                new Change.LayerPut(List.of("*", "*", "acme"), Map.of("b", 3)),
                new Change.LayerDeleted(List.of("prod", "*", "*"))));
        revisions.add(revision(6, new Change.SchemaRegistered(1, Map.of("type", "object"))));
        revisions.add(revision(
                7, new Change.SegmentDeleted("beta"), new Change.AttributesDeclared(Map.of("country", "string"))));
        return revisions;
    }

    @Test
    void replayingTheHistoryGivesTheNamespaceAsOfItsLastRevision() {
        Snapshot snapshot = Snapshot.replay("ns", history());

        assertThat(snapshot.revision()).isEqualTo(7);
        assertThat(snapshot.layers().size()).isEqualTo(2);
        assertThat(snapshot.segments().entries()).isEmpty();
        assertThat(snapshot.attributes()).containsEntry("country", "string");
        assertThat(snapshot.schema().version()).isEqualTo(1);
        assertThat(snapshot.schema().revision()).isEqualTo(6);
        assertThat(snapshot.schema().author()).isEqualTo("tester");
        assertThat(snapshot.resolve(Scope.of("prod", "x", "acme"), false).config())
                .isEqualTo(Map.of("a", 1, "b", 3));
        assertThat(snapshot.layerRevision(new Selector(List.of("*", "*", "acme"))))
                .isEqualTo(5);
        assertThat(snapshot.layerRevision(new Selector(List.of("prod", "*", "*"))))
                .isZero();
    }

    @Test
    void applyingLeavesTheEarlierSnapshotAsItWas() {
        List<Revision> revisions = history();
        Snapshot four = Snapshot.replay("ns", revisions.subList(0, 4));
        Snapshot five = four.apply(revisions.get(4));

        assertThat(four.revision()).isEqualTo(4);
        assertThat(four.resolve(Scope.of("prod", "x", "acme"), false).config()).isEqualTo(Map.of("a", 2, "b", 1));
        assertThat(four.segments().contains("beta")).isTrue();
        assertThat(five.resolve(Scope.of("prod", "x", "acme"), false).config()).isEqualTo(Map.of("a", 1, "b", 3));
    }

    @Test
    void aOneLayerChangeSharesEveryOtherLayerWithThePreviousSnapshot() {
        List<Revision> revisions = new ArrayList<>();
        revisions.add(revision(1, new Change.NamespaceCreated(List.of("environment", "site", "tenant"))));
        List<Change> tenants = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            tenants.add(new Change.LayerPut(List.of("*", "*", "t-" + i), Map.of("n", i)));
        }
        revisions.add(new Revision(2, Instant.EPOCH, "tester", tenants));
        Snapshot before = Snapshot.replay("ns", revisions);

        Snapshot after = before.apply(revision(3, new Change.LayerPut(List.of("*", "*", "t-5"), Map.of("n", -5))));

        Selector untouched = new Selector(List.of("*", "*", "t-6"));
        assertThat(after.layers().get(untouched)).isSameAs(before.layers().get(untouched));
        assertThat(after.layers().size()).isEqualTo(10_000);
        assertThat(after.resolve(Scope.of("prod", "x", "t-5"), false).config()).isEqualTo(Map.of("n", -5));
        assertThat(before.resolve(Scope.of("prod", "x", "t-5"), false).config()).isEqualTo(Map.of("n", 5));
    }

    @Test
    void aGapInTheRevisionsIsRefused() {
        List<Revision> revisions = new ArrayList<>(history());
        revisions.remove(3);

        assertThatThrownBy(() -> Snapshot.replay("ns", revisions))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot apply revision 5 on top of 3");
    }

    @Test
    void aHistoryThatDoesNotStartByCreatingTheNamespaceIsRefused() {
        assertThatThrownBy(() -> Snapshot.replay("ns", history().subList(1, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not create it");
    }

    @Test
    void aSnapshotBuiltFromItsPartsAnswersLikeTheOneItWasTakenFrom() {
        Snapshot original = Snapshot.replay("ns", history());
        Map<Selector, Integer> revisions = new java.util.HashMap<>();
        original.layers()
                .unordered()
                .forEach(layer -> revisions.put(layer.selector(), original.layerRevision(layer.selector())));

        Snapshot copy = Snapshot.of(
                "ns",
                original.dimensions(),
                original.createdAt(),
                original.revision(),
                original.layers().layers(),
                revisions,
                original.schemas(),
                original.flags(),
                original.segments(),
                original.attributes());
        Snapshot next = copy.apply(revision(8, new Change.LayerPut(List.of("prod", "*", "*"), Map.of("a", 9))));

        assertThat(copy.layers().asMap()).isEqualTo(original.layers().asMap());
        assertThat(next.resolve(Scope.of("prod", "x", "acme"), false).config()).isEqualTo(Map.of("a", 9, "b", 3));
    }
}
