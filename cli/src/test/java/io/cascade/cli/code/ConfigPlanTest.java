package io.cascade.cli.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.cli.text.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The plan that makes a namespace equal to a directory. */
class ConfigPlanTest {

    private static final List<String> DIMENSIONS = List.of("environment", "tenant");

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static ConfigDirectory.Layer layer(String environment, String content) {
        return new ConfigDirectory.Layer(
                ConfigDirectory.complete(Map.of("environment", environment), DIMENSIONS), json(content));
    }

    private static ConfigDirectory directory(
            Map<String, ConfigDirectory.Layer> layers, Map<String, JsonNode> flags, Map<String, JsonNode> segments) {
        return new ConfigDirectory(DIMENSIONS, null, layers, flags, segments);
    }

    @Test
    void anEqualDirectoryPlansNothing() {
        ConfigDirectory current = directory(
                Map.of("(prod,*)", layer("prod", "{\"a\": 1, \"b\": 2}")),
                Map.of("f", json("{\"key\": \"f\", \"type\": \"boolean\"}")),
                Map.of());
        ConfigDirectory reordered = directory(
                Map.of("(prod,*)", layer("prod", "{\"b\": 2, \"a\": 1}")),
                Map.of("f", json("{\"type\": \"boolean\", \"key\": \"f\"}")),
                Map.of());
        assertThat(ConfigPlan.between(current, reordered).isEmpty()).isTrue();
    }

    @Test
    void missingFlagsAreArchivedMissingLayersAndSegmentsDeleted() {
        ConfigDirectory current = directory(
                Map.of("(prod,*)", layer("prod", "{\"a\": 1}"), "(dev,*)", layer("dev", "{\"a\": 1}")),
                Map.of(
                        "f", json("{\"key\": \"f\"}"),
                        "old", json("{\"key\": \"old\", \"archived\": true}")),
                Map.of("s", json("{\"key\": \"s\"}")));
        ConfigDirectory desired = directory(Map.of("(prod,*)", layer("prod", "{\"a\": 2}")), Map.of(), Map.of());
        ConfigPlan plan = ConfigPlan.between(current, desired);
        assertThat(plan.toJson().get("changes").toString())
                .isEqualTo("[{\"kind\":\"layer\",\"action\":\"put\",\"target\":{\"environment\":\"prod\"}},"
                        + "{\"kind\":\"layer\",\"action\":\"delete\",\"target\":{\"environment\":\"dev\"}},"
                        + "{\"kind\":\"flag\",\"action\":\"archive\",\"target\":\"f\"},"
                        + "{\"kind\":\"segment\",\"action\":\"delete\",\"target\":\"s\"}]");
        assertThat(plan.operations().get(2).at("/flag/archived").asBoolean()).isTrue();
        assertThat(plan.lines()).contains("~ put layer {\"environment\":\"prod\"}", "    /a: 1 -> 2");
    }

    @Test
    void layerFileNamesAreReadableAndSafe() {
        assertThat(ConfigDirectory.fileName(Map.of())).isEqualTo("defaults");
        assertThat(ConfigDirectory.fileName(ConfigDirectory.complete(Map.of("tenant", "a/b c"), DIMENSIONS)))
                .isEqualTo("tenant=a%2Fb%20c");
    }
}
