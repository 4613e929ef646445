package io.cascade.evaluator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AffectedScopesTest {

    private static final List<String> DIMENSIONS = List.of("environment", "site", "tenant");

    private static Layer layer(String environment, String site, String tenant) {
        return new Layer(Selector.of(environment, site, tenant), JsonText.object("{}"));
    }

    private static LayerSet namespaceWithTenants(int tenants) {
        List<Layer> layers = new ArrayList<>();
        layers.add(layer("*", "*", "*"));
        layers.add(layer("prod", "*", "*"));
        layers.add(layer("staging", "*", "*"));
        layers.add(layer("prod", "us-east-1", "*"));
        layers.add(layer("prod", "eu-west-1", "*"));
        for (int i = 0; i < tenants; i++) {
            layers.add(layer("*", "*", "tenant-" + i));
        }
        return LayerSet.of(DIMENSIONS, layers);
    }

    @Test
    void changingOneTenantLayerVisitsOnlyThatTenantsScopes() {
        LayerSet layers = namespaceWithTenants(1000);

        List<ScopeGroup> groups = AffectedScopes.of(layers, Selector.of("*", "*", "tenant-42"));

        assertThat(groups)
                .allSatisfy(group -> assertThat(group.scope().value(2)).isEqualTo("tenant-42"));
        // prod/us-east-1, prod/eu-west-1, prod/other, staging/other, other/other
        assertThat(groups).hasSize(5);
    }

    @Test
    void everyGroupIsADistinctSetOfMatchingLayers() {
        LayerSet layers = namespaceWithTenants(20);

        List<ScopeGroup> groups = AffectedScopes.all(layers);

        Set<List<Layer>> distinct = new HashSet<>();
        for (ScopeGroup group : groups) {
            assertThat(distinct.add(group.layers())).isTrue();
            assertThat(layers.matching(group.scope())).isEqualTo(group.layers());
        }
        // (prod x {us-east-1, eu-west-1, other} + staging + other) x (20 tenants + other)
        assertThat(groups).hasSize(5 * 21);
    }

    @Test
    void coversEveryScopeThatCanBeFormedFromNamedValues() {
        LayerSet layers = namespaceWithTenants(3);
        Set<List<Selector>> expected = new HashSet<>();
        String[] environments = {"prod", "staging", null};
        String[] sites = {"us-east-1", "eu-west-1", null};
        String[] tenants = {"tenant-0", "tenant-1", "tenant-2", null};
        for (String e : environments) {
            for (String s : sites) {
                for (String t : tenants) {
                    List<Selector> key = new ArrayList<>();
                    layers.matching(Scope.of(e, s, t)).forEach(l -> key.add(l.selector()));
                    expected.add(key);
                }
            }
        }

        Set<List<Selector>> found = new HashSet<>();
        for (ScopeGroup group : AffectedScopes.all(layers)) {
            List<Selector> key = new ArrayList<>();
            group.layers().forEach(l -> key.add(l.selector()));
            found.add(key);
        }

        assertThat(found).isEqualTo(expected);
    }

    @Test
    void aLimitStopsTheSearchJustPastIt() {
        LayerSet layers = namespaceWithTenants(50);

        assertThat(AffectedScopes.all(layers, 10)).hasSize(11);
        assertThat(AffectedScopes.all(layers, 1_000)).hasSize(5 * 51);
    }

    @Test
    void scopesThatMatchNoLayerAreLeftOut() {
        LayerSet layers = LayerSet.of(DIMENSIONS, List.of(layer("prod", "*", "*")));

        List<ScopeGroup> groups = AffectedScopes.all(layers);

        assertThat(groups)
                .singleElement()
                .satisfies(group -> assertThat(group.scope().value(0)).isEqualTo("prod"));
    }

    @Test
    void aDeletedLayersScopesAreStillVisited() {
        LayerSet layers = namespaceWithTenants(2).without(Selector.of("prod", "eu-west-1", "*"));

        List<ScopeGroup> groups = AffectedScopes.of(layers, Selector.of("prod", "eu-west-1", "*"));

        assertThat(groups)
                .isNotEmpty()
                .allSatisfy(group -> assertThat(group.scope().value(1)).isEqualTo("eu-west-1"));
    }
}
