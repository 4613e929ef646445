package io.cascade.server.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.evaluator.config.Selector;
import io.cascade.server.error.CascadeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OverrideRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> DIMENSIONS = List.of("environment", "site", "tenant");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return JSON.readValue(text, Map.class);
    }

    private static final OverrideRules RULES = OverrideRules.from(json("""
            {"properties": {
               "pool": {"x-cascade-overridable": ["environment"],
                        "properties": {"size": {}, "strict": {"x-cascade-overridable": []}}},
               "free": {"properties": {"x": {}}},
               "siteOnly": {"x-cascade-overridable": ["site"]}}}
            """), DIMENSIONS);

    @Test
    void theDefaultsLayerMaySetAnything() {
        assertThat(RULES.check(
                        Selector.of("*", "*", "*"), json("{\"pool\": {\"strict\": 1}, \"siteOnly\": 1}"), DIMENSIONS))
                .isEmpty();
    }

    @Test
    void aLayerSitsAtItsMostSpecificFixedDimension() {
        assertThat(RULES.check(Selector.of("prod", "*", "*"), json("{\"pool\": {\"size\": 1}}"), DIMENSIONS))
                .isEmpty();
        assertThat(RULES.check(Selector.of("prod", "*", "acme"), json("{\"pool\": {\"size\": 1}}"), DIMENSIONS))
                .extracting(OverrideRules.IllegalOverride::path)
                .containsExactly("/pool/size");
        assertThat(RULES.check(Selector.of("prod", "eu", "*"), json("{\"siteOnly\": 2}"), DIMENSIONS))
                .isEmpty();
    }

    @Test
    void anEmptyListMeansDefaultsOnlyEvenBeneathAWiderRule() {
        List<OverrideRules.IllegalOverride> illegal =
                RULES.check(Selector.of("prod", "*", "*"), json("{\"pool\": {\"strict\": true}}"), DIMENSIONS);

        assertThat(illegal).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("/pool/strict");
            assertThat(i.message(Selector.of("prod", "*", "*")))
                    .isEqualTo("layer (prod,*,*) sets /pool/strict, overridable defaults only");
        });
    }

    @Test
    void removingAKeyWithNullCountsAsSettingIt() {
        assertThat(RULES.check(Selector.of("*", "*", "acme"), json("{\"pool\": null}"), DIMENSIONS))
                .extracting(OverrideRules.IllegalOverride::path)
                .containsExactly("/pool");
    }

    @Test
    void replacingOrRemovingAParentCountsAsSettingTheProtectedPropertiesBeneathIt() {
        OverrideRules rules = OverrideRules.from(json("""
                {"properties": {"outer": {"properties": {"inner": {"x-cascade-overridable": ["environment"]}}}}}
                """), DIMENSIONS);

        assertThat(rules.check(Selector.of("*", "*", "acme"), json("{\"outer\": null}"), DIMENSIONS))
                .extracting(OverrideRules.IllegalOverride::path)
                .containsExactly("/outer");
        assertThat(rules.check(Selector.of("*", "*", "acme"), json("{\"outer\": 5}"), DIMENSIONS))
                .hasSize(1);
        assertThat(rules.check(Selector.of("prod", "*", "*"), json("{\"outer\": null}"), DIMENSIONS))
                .isEmpty();
    }

    @Test
    void annotationsAreFoundThroughLocalReferencesAndAllOf() {
        OverrideRules rules = OverrideRules.from(json("""
                {"$defs": {"pool": {"properties": {"size": {"x-cascade-overridable": ["environment"]}}}},
                 "properties": {
                   "primary": {"$ref": "#/$defs/pool"},
                   "mixed": {"allOf": [{"properties": {"a": {"x-cascade-overridable": []}}},
                                       {"properties": {"b": {"x-cascade-overridable": ["site"]}}}]}}}
                """), DIMENSIONS);

        assertThat(rules.check(Selector.of("*", "*", "acme"), json("{\"primary\": {\"size\": 3}}"), DIMENSIONS))
                .extracting(OverrideRules.IllegalOverride::path)
                .containsExactly("/primary/size");
        assertThat(rules.check(Selector.of("prod", "*", "*"), json("{\"mixed\": {\"a\": 1, \"b\": 2}}"), DIMENSIONS))
                .extracting(OverrideRules.IllegalOverride::path)
                .containsExactly("/mixed/a", "/mixed/b");
    }

    @Test
    void aRecursiveSchemaIsReadOnce() {
        OverrideRules rules = OverrideRules.from(json("""
                {"$defs": {"node": {"properties": {"children": {"items": {"$ref": "#/$defs/node"}},
                                                   "locked": {"x-cascade-overridable": []}}}},
                 "$ref": "#/$defs/node"}
                """), DIMENSIONS);

        assertThat(rules.check(Selector.of("prod", "*", "*"), json("{\"locked\": true}"), DIMENSIONS))
                .hasSize(1);
    }

    @Test
    void unannotatedPropertiesMayBeSetAnywhere() {
        assertThat(RULES.check(Selector.of("*", "*", "acme"), json("{\"free\": {\"x\": 1}, \"other\": 2}"), DIMENSIONS))
                .isEmpty();
    }

    @Test
    void anAnnotationNamingAnUnknownDimensionIsRefused() {
        assertThatThrownBy(() -> OverrideRules.from(
                        json("{\"properties\": {\"a\": {\"x-cascade-overridable\": [\"planet\"]}}}"), DIMENSIONS))
                .isInstanceOf(CascadeException.class)
                .hasMessageContaining("planet");
        assertThatThrownBy(() -> OverrideRules.from(
                        json("{\"properties\": {\"a\": {\"x-cascade-overridable\": \"site\"}}}"), DIMENSIONS))
                .isInstanceOf(CascadeException.class);
    }
}
