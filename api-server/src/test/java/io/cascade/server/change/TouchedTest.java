package io.cascade.server.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Revision;
import io.cascade.evaluator.snapshot.Snapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which environments a change touches (PRODUCT.md, "Protected environments"). */
class TouchedTest {

    private static final Map<String, Object> PROD =
            Map.of("enabled", true, "offVariation", "off", "fallthrough", Map.of("serve", "off"));
    private static final Map<String, Object> DEV =
            Map.of("enabled", true, "offVariation", "off", "fallthrough", Map.of("serve", "on"));
    private static final Map<String, Object> FLAG = Map.of(
            "key",
            "f",
            "type",
            "boolean",
            "variations",
            Map.of("on", true, "off", false),
            "environments",
            Map.of("prod", PROD, "dev", DEV));

    private static Snapshot withFlag() {
        Snapshot created = Snapshot.created(
                "ns",
                new Revision(
                        1, Instant.EPOCH, "t", List.of(new Change.NamespaceCreated(List.of("environment", "site")))));
        return created.apply(new Revision(2, Instant.EPOCH, "t", List.of(new Change.FlagPut("f", FLAG))));
    }

    private static Map<String, Object> with(String member, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(FLAG);
        copy.put(member, value);
        return copy;
    }

    private static Touched touched(Change change) {
        return Touched.of(withFlag(), List.of(change));
    }

    @Nested
    class Layers {

        @Test
        void aLayerTouchesTheEnvironmentItNames() {
            Touched touched = touched(new Change.LayerPut(List.of("prod", "*"), Map.of()));
            assertThat(touched.all()).isFalse();
            assertThat(touched.named()).containsExactly("prod");
        }

        @Test
        void aLayerWithAnyEnvironmentTouchesEveryOne() {
            Touched touched = touched(new Change.LayerDeleted(List.of("*", "eu")));
            assertThat(touched.all()).isTrue();
            assertThat(touched.touches("prod")).isTrue();
        }
    }

    @Nested
    class Flags {

        @Test
        void aFlagTouchesOnlyTheEnvironmentsWhoseBlockChanged() {
            Map<String, Object> dev = new LinkedHashMap<>(DEV);
            dev.put("enabled", false);
            Touched touched = touched(new Change.FlagPut("f", with("environments", Map.of("prod", PROD, "dev", dev))));
            assertThat(touched.named()).containsExactly("dev");
        }

        @Test
        void aChangedVariationValueTouchesTheEnvironmentsThatServeIt() {
            assertThat(touched(new Change.FlagPut("f", with("variations", Map.of("on", false, "off", false))))
                            .named())
                    .as("only dev serves on (prod serves off, and off when disabled)")
                    .containsExactly("dev");
            assertThat(touched(new Change.FlagPut("f", with("variations", Map.of("on", true, "off", true))))
                            .named())
                    .as("both serve off when disabled")
                    .containsExactly("dev", "prod");
        }

        @Test
        void aDescriptionTouchesNothingAndArchivingTouchesEveryBlock() {
            assertThat(touched(new Change.FlagPut("f", with("description", "x")))
                            .named())
                    .isEmpty();
            assertThat(touched(new Change.FlagPut("f", with("archived", true))).named())
                    .containsExactly("dev", "prod");
        }

        @Test
        void aNewFlagTouchesEveryEnvironmentItHasABlockFor() {
            assertThat(touched(new Change.FlagPut("g", FLAG)).named()).containsExactly("dev", "prod");
        }
    }

    @Test
    void aSegmentTouchesEveryEnvironmentAndASchemaNone() {
        assertThat(touched(new Change.SegmentDeleted("s")).all()).isTrue();
        Touched schema = touched(new Change.SchemaRegistered(1, Map.of()));
        assertThat(schema.all()).isFalse();
        assertThat(schema.named()).isEmpty();
    }
}
