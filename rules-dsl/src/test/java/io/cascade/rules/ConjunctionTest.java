package io.cascade.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConjunctionTest {

    private final AttributeLayout.Builder builder = AttributeLayout.builder();
    private final RuleCompiler compiler = RuleCompiler.builder().layout(builder).build();

    private CompiledRule compile(String source) {
        return compiler.compile(source).rule();
    }

    @Test
    void andOfSlotComparisonsIsAConjunctionInSourceOrder() {
        CompiledRule rule = compile(
                "country in [\"US\", \"CA\"] and plan != \"free\" and appVersion >= 42 and tenant in segment(\"beta\")");
        AttributeLayout layout = builder.build();

        Conjunction conjunction = rule.conjunction().orElseThrow();

        assertThat(conjunction.layout()).isSameAs(layout);
        int us = layout.symbolOf("US");
        int ca = layout.symbolOf("CA");
        assertThat(conjunction.conditions())
                .containsExactly(
                        new Conjunction.SymbolIn(
                                layout.slotOf("country"), new int[] {Math.min(us, ca), Math.max(us, ca)}, false),
                        new Conjunction.SymbolIn(layout.slotOf("plan"), new int[] {layout.symbolOf("free")}, true),
                        new Conjunction.NumberIn(layout.slotOf("appVersion"), 42, Double.POSITIVE_INFINITY, false),
                        new Conjunction.InSegment(layout.slotOf("tenant"), "beta", false));
    }

    @Test
    void nestedAndsAreFlattened() {
        CompiledRule rule = compile("a == \"x\" and (b > 1 and c == \"y\")");

        assertThat(rule.conjunction().orElseThrow().conditions()).hasSize(3);
    }

    @Test
    void singleComparisonIsAConjunctionOfOne() {
        assertThat(compile("targetingKey in segment(\"beta\")")
                        .conjunction()
                        .orElseThrow()
                        .conditions())
                .containsExactly(new Conjunction.InSegment(builder.slot("targetingKey"), "beta", false));
    }

    @Test
    void otherShapesAreNot() {
        for (String source : List.of(
                "a == \"x\" or b == \"y\"",
                "not (a == \"x\")",
                "email matches \"^a\"",
                "a == b",
                "a == \"x\" and email endsWith \"@example.com\"",
                "1 > 2")) {
            assertThat(compile(source).conjunction()).as(source).isEmpty();
        }
    }

    @Test
    void conditionsAnswerLikeTheRule() {
        Conjunction.SymbolIn in = new Conjunction.SymbolIn(0, new int[] {3, 1}, false);
        assertThat(in.holds(1)).isTrue();
        assertThat(in.holds(2)).isFalse();
        assertThat(in.holds(AttributeLayout.NOT_A_STRING)).isFalse();
        assertThat(new Conjunction.SymbolIn(0, new int[] {1}, true).holds(AttributeLayout.NOT_A_STRING))
                .isFalse();
        assertThat(new Conjunction.SymbolIn(0, new int[] {1}, true).holds(AttributeLayout.OTHER_STRING))
                .isTrue();
        Conjunction.NumberIn range = new Conjunction.NumberIn(0, 1, 2, true);
        assertThat(range.holds(3)).isTrue();
        assertThat(range.holds(Double.NaN)).isFalse();
    }
}
