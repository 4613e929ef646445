package io.cascade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Revision;
import io.cascade.evaluator.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SnapshotJsonTest {

    private final SnapshotJson codec = new SnapshotJson(JsonMapper.builder().build());

    private static Revision revision(int number, Change... changes) {
        return new Revision(
                number, Instant.parse("2026-12-01T10:00:00.123Z").plusSeconds(number), "ops", List.of(changes));
    }

    @Test
    void aStoredSnapshotReadsBackAsTheSameNamespace() {
        Snapshot original = Snapshot.replay(
                "checkout",
                List.of(
                        revision(1, new Change.NamespaceCreated(List.of("environment", "site", "tenant"))),
                        revision(2, new Change.LayerPut(List.of("*", "*", "*"), Map.of("pool", Map.of("size", 10)))),
                        revision(
                                3,
                                new Change.LayerPut(
                                        List.of("prod", "*", "acme"), Map.of("ratio", 0.25, "emoji", "\uD83D\uDE80"))),
                        revision(4, new Change.SchemaRegistered(1, Map.of("type", "object"))),
                        revision(
                                5,
                                new Change.FlagPut("beta", Map.of("key", "beta", "type", "boolean")),
                                new Change.SegmentPut("vip", Map.of("key", "vip", "included", List.of("acme")))),
                        revision(6, new Change.AttributesDeclared(Map.of("country", "string")))));

        Snapshot read = codec.read(codec.write(original));

        assertThat(read.namespace()).isEqualTo("checkout");
        assertThat(read.revision()).isEqualTo(6);
        assertThat(read.dimensions()).isEqualTo(original.dimensions());
        assertThat(read.createdAt()).isEqualTo(original.createdAt());
        assertThat(read.layers().asMap()).isEqualTo(original.layers().asMap());
        assertThat(read.layerRevision(original.layers().layers().get(1).selector()))
                .isEqualTo(3);
        assertThat(read.schemas()).isEqualTo(original.schemas());
        assertThat(read.flags().entries()).isEqualTo(original.flags().entries());
        assertThat(read.segments().entries()).isEqualTo(original.segments().entries());
        assertThat(read.attributes()).isEqualTo(original.attributes());
        Scope acme = Scope.of("prod", "eu", "acme");
        assertThat(read.resolve(acme, false).config())
                .isEqualTo(original.resolve(acme, false).config());
    }

    @Test
    void aCopyOfAnotherFormatIsRefusedSoTheNamespaceIsReplayed() {
        assertThatThrownBy(() -> codec.read("{\"format\": 99}")).hasMessageContaining("format 99");
    }
}
