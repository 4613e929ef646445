package io.cascade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Revision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class RevisionJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyKindOfChangeSurvivesTheTripThroughJsonText() {
        Revision revision = new Revision(
                7,
                Instant.parse("2026-12-01T10:00:00.123Z"),
                "ops",
                List.of(
                        new Change.NamespaceCreated(List.of("environment", "tenant")),
                        new Change.LayerPut(List.of("prod", "*"), Map.of("pool", Map.of("size", 10))),
                        new Change.LayerDeleted(List.of("*", "acme")),
                        new Change.SchemaRegistered(2, Map.of("type", "object")),
                        new Change.FlagPut("beta", Map.of("key", "beta")),
                        new Change.FlagDeleted("old"),
                        new Change.SegmentPut("vip", Map.of("key", "vip")),
                        new Change.SegmentDeleted("gone"),
                        new Change.AttributesDeclared(Map.of("country", "string"))));

        String text = JSON.writeValueAsString(RevisionJson.write(revision));
        Revision read = RevisionJson.read(JSON.readValue(text, new TypeReference<Map<String, Object>>() {}));

        assertThat(read).isEqualTo(revision);
    }

    @Test
    void anUnknownKindIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> RevisionJson.readChange(Map.of("kind", "webhook", "action", "put")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhook");
    }
}
