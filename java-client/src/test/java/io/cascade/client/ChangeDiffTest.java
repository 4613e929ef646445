package io.cascade.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChangeDiffTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode tree(String text) {
        return JSON.readTree(text);
    }

    @Test
    void leavesAreAddedModifiedOrDeletedByPointer() {
        Map<String, ChangeType> changes = ChangeDiff.config(
                tree("{\"pool\": {\"size\": 10, \"name\": \"a\"}, \"gone\": 1, \"list\": [1], \"a/b\": 1}"),
                tree("{\"pool\": {\"size\": 11, \"name\": \"a\", \"new\": {\"x\": 1}}, \"list\": [1, 2], \"a/b\": 2}"));
        assertThat(changes)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "/pool/size", ChangeType.MODIFIED,
                        "/pool/new/x", ChangeType.ADDED,
                        "/gone", ChangeType.DELETED,
                        "/list", ChangeType.MODIFIED,
                        "/a~1b", ChangeType.MODIFIED));
    }

    @Test
    void equalConfigsHaveNoChanges() {
        assertThat(ChangeDiff.config(tree("{\"a\": {\"b\": 1}}"), tree("{\"a\": {\"b\": 1}}")))
                .isEmpty();
    }

    @Test
    void flagsByKeyAndEveryFlagWhenSegmentsChange() {
        JsonNode before = tree("[{\"key\": \"a\", \"v\": 1}, {\"key\": \"b\"}, {\"key\": \"c\"}]");
        JsonNode after = tree("[{\"key\": \"a\", \"v\": 2}, {\"key\": \"b\"}, {\"key\": \"d\"}]");
        assertThat(ChangeDiff.flags(before, after, false))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("a", ChangeType.MODIFIED, "c", ChangeType.DELETED, "d", ChangeType.ADDED));
        assertThat(ChangeDiff.flags(before, after, true)).containsEntry("b", ChangeType.MODIFIED);
    }
}
