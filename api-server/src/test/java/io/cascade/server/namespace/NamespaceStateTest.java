package io.cascade.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.Selector;
import io.cascade.server.store.Change;
import io.cascade.server.store.RevisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceStateTest {

    private static RevisionRecord revision(int number, Change... changes) {
        return new RevisionRecord("ns", number, "test", "tester", null, null, null, Instant.EPOCH, List.of(changes));
    }

    private static List<RevisionRecord> history() {
        List<RevisionRecord> records = new ArrayList<>();
        records.add(revision(1, new Change.NamespaceCreated(List.of("environment", "site", "tenant"))));
        records.add(revision(2, new Change.LayerPut(List.of("*", "*", "*"), Map.of("a", 1, "b", 1))));
        records.add(revision(3, new Change.LayerPut(List.of("prod", "*", "*"), Map.of("a", 2))));
        records.add(revision(4, new Change.SegmentPut("beta", Map.of("key", "beta", "included", List.of("acme")))));
        records.add(revision(
                5,
                new Change.LayerPut(List.of("*", "*", "acme"), Map.of("b", 3)),
                new Change.LayerDeleted(List.of("prod", "*", "*"))));
        records.add(revision(6, new Change.SchemaRegistered(1, Map.of("type", "object"))));
        records.add(revision(
                7, new Change.SegmentDeleted("beta"), new Change.AttributesDeclared(Map.of("country", "string"))));
        return records;
    }

    @Test
    void replayingAllRevisionsAtOnceEqualsApplyingThemOneByOne() {
        List<RevisionRecord> records = history();
        NamespaceState stepwise = NamespaceState.created(records.get(0));
        for (RevisionRecord record : records.subList(1, records.size())) {
            stepwise = stepwise.apply(record);
        }

        NamespaceState replayed = NamespaceState.replay(records);

        assertThat(replayed.revision()).isEqualTo(stepwise.revision()).isEqualTo(7);
        assertThat(replayed.layers().asMap()).isEqualTo(stepwise.layers().asMap());
        assertThat(replayed.segments().entries())
                .isEqualTo(stepwise.segments().entries())
                .isEmpty();
        assertThat(replayed.attributes()).isEqualTo(stepwise.attributes()).containsEntry("country", "string");
        assertThat(replayed.schema().version()).isEqualTo(1);
        Scope scope = Scope.of("prod", "x", "acme");
        assertThat(replayed.resolve(scope, false).config()).isEqualTo(Map.of("a", 1, "b", 3));
        assertThat(replayed.layerRevision(new Selector(List.of("*", "*", "acme"))))
                .isEqualTo(5);
    }

    @Test
    void aGapInTheRevisionsIsRefused() {
        List<RevisionRecord> records = new ArrayList<>(history());
        records.remove(3);

        assertThatThrownBy(() -> NamespaceState.replay(records))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot apply revision 5 on top of 3");
    }
}
