package io.cascade.evaluator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfigResolverTest {

    private static final List<String> DIMENSIONS = List.of("environment", "site", "tenant");

    private static Layer layer(String environment, String site, String tenant, String json) {
        return new Layer(Selector.of(environment, site, tenant), JsonText.object(json));
    }

    @Nested
    class Specificity {

        /** Every one of the eight selector shapes sets "who"; each more specific shape must win. */
        @Test
        void ordersAllEightSelectorShapesByTheBinaryNumberOfFixedDimensions() {
            List<Layer> layers = new ArrayList<>();
            for (int mask = 0; mask < 8; mask++) {
                String environment = (mask & 1) != 0 ? "prod" : "*";
                String site = (mask & 2) != 0 ? "us-east-1" : "*";
                String tenant = (mask & 4) != 0 ? "acme" : "*";
                layers.add(layer(environment, site, tenant, "{\"who\":" + mask + ",\"m" + mask + "\":true}"));
            }
            LayerSet set = LayerSet.of(DIMENSIONS, layers);

            Resolution resolution = ConfigResolver.resolve(set, Scope.of("prod", "us-east-1", "acme"), false);

            assertThat(resolution.layers()).extracting(Selector::specificity).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(resolution.config().get("who")).isEqualTo(7);
            assertThat(resolution.config()).containsKeys("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
        }

        @Test
        void tenantLayerOverridesEnvironmentAndSiteLayer() {
            LayerSet set = LayerSet.of(
                    DIMENSIONS,
                    List.of(layer("*", "*", "acme", "{\"pool\":1}"), layer("prod", "us-east-1", "*", "{\"pool\":2}")));

            assertThat(ConfigResolver.resolve(set, Scope.of("prod", "us-east-1", "acme"), false)
                            .config())
                    .containsEntry("pool", 1);
        }

        @Test
        void environmentTenantLayerOverridesTenantLayer() {
            LayerSet set = LayerSet.of(
                    DIMENSIONS,
                    List.of(layer("prod", "*", "acme", "{\"pool\":3}"), layer("*", "*", "acme", "{\"pool\":1}")));

            assertThat(ConfigResolver.resolve(set, Scope.of("prod", "eu-west-1", "acme"), false)
                            .config())
                    .containsEntry("pool", 3);
        }

        @Test
        void indexedLookupAndScanAgree() {
            List<Layer> many = new ArrayList<>();
            many.add(layer("*", "*", "*", "{\"a\":0}"));
            for (int i = 0; i < 50; i++) {
                many.add(layer("*", "*", "t" + i, "{\"a\":" + i + "}"));
            }
            many.add(layer("prod", "*", "*", "{\"b\":1}"));
            LayerSet indexed = LayerSet.of(DIMENSIONS, many);
            LayerSet small = LayerSet.of(DIMENSIONS, List.of(many.get(0), many.get(8), many.get(many.size() - 1)));

            Scope scope = Scope.of("prod", "x", "t7");
            assertThat(indexed.matching(scope)).containsExactlyElementsOf(small.matching(scope));
        }

        @Test
        void aDimensionNoLayerNamesMatchesOnlyWildcards() {
            LayerSet set = LayerSet.of(
                    DIMENSIONS, List.of(layer("*", "*", "*", "{\"a\":0}"), layer("prod", "*", "*", "{\"a\":1}")));

            Resolution resolution = ConfigResolver.resolve(set, Scope.of(null, null, "acme"), false);

            assertThat(resolution.config()).containsEntry("a", 0);
        }

        @Test
        void aCanonicalScopeForgetsValuesNoLayerNamesAndResolvesTheSame() {
            LayerSet set = LayerSet.of(
                    DIMENSIONS,
                    List.of(
                            layer("*", "*", "*", "{\"a\":0}"),
                            layer("prod", "*", "*", "{\"a\":1}"),
                            layer("*", "*", "acme", "{\"b\":2}")));

            Scope canonical = set.canonical(Scope.of("prod", "host-123", "someone-else"));

            assertThat(canonical).isEqualTo(Scope.of("prod", null, null));
            assertThat(set.canonical(Scope.of("prod", null, "acme"))).isEqualTo(Scope.of("prod", null, "acme"));
            assertThat(ConfigResolver.resolve(set, canonical, false).config())
                    .isEqualTo(ConfigResolver.resolve(set, Scope.of("prod", "host-123", "someone-else"), false)
                            .config());
        }

        @Test
        void aScopeNoLayerMatchesHasNoConfig() {
            LayerSet set = LayerSet.of(DIMENSIONS, List.of(layer("prod", "*", "*", "{\"a\":1}")));

            Resolution resolution = ConfigResolver.resolve(set, Scope.of("dev", "x", "y"), false);

            assertThat(resolution.hasConfig()).isFalse();
            assertThat(resolution.config()).isEmpty();
        }
    }

    @Nested
    class Explain {

        @Test
        void namesTheLayerThatSetEveryLeaf() {
            LayerSet set = LayerSet.of(
                    DIMENSIONS,
                    List.of(
                            layer("*", "*", "*", "{\"pool\":{\"size\":10,\"timeout\":5},\"name\":\"d\",\"tags\":[1]}"),
                            layer("prod", "*", "*", "{\"pool\":{\"size\":20}}"),
                            layer("*", "*", "acme", "{\"tags\":[2],\"feature\":{}}")));

            Resolution resolution = ConfigResolver.resolve(set, Scope.of("prod", "s", "acme"), true);

            assertThat(resolution.sources())
                    .containsExactlyInAnyOrder(
                            new LeafSource("/pool/size", Selector.of("prod", "*", "*")),
                            new LeafSource("/pool/timeout", Selector.of("*", "*", "*")),
                            new LeafSource("/name", Selector.of("*", "*", "*")),
                            new LeafSource("/tags", Selector.of("*", "*", "acme")),
                            new LeafSource("/feature", Selector.of("*", "*", "acme")));
        }

        @Test
        void aReplacedObjectTakesItsNewLeavesFromTheReplacingLayers() {
            LayerSet set = LayerSet.of(
                    DIMENSIONS,
                    List.of(
                            layer("*", "*", "*", "{\"a\":{\"b\":1}}"),
                            layer("prod", "*", "*", "{\"a\":5}"),
                            layer("*", "*", "acme", "{\"a\":{\"c\":2}}")));

            Resolution resolution = ConfigResolver.resolve(set, Scope.of("prod", "s", "acme"), true);

            assertThat(resolution.config()).isEqualTo(Map.of("a", Map.of("c", 2)));
            assertThat(resolution.sources()).containsExactly(new LeafSource("/a/c", Selector.of("*", "*", "acme")));
        }

        @Test
        void removedKeysHaveNoSourceAndPointersAreEscaped() {
            LayerSet set = LayerSet.of(
                    DIMENSIONS,
                    List.of(
                            layer("*", "*", "*", "{\"gone\":1,\"a/b\":{\"c~d\":1}}"),
                            layer("prod", "*", "*", "{\"gone\":null}")));

            Resolution resolution = ConfigResolver.resolve(set, Scope.of("prod", "s", "t"), true);

            assertThat(resolution.sources()).containsExactly(new LeafSource("/a~1b/c~0d", Selector.of("*", "*", "*")));
        }
    }
}
