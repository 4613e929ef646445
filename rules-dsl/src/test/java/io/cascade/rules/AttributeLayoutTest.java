package io.cascade.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AttributeLayoutTest {

    @Test
    void equalStringsShareASymbolAndUnknownOnesAreOther() {
        AttributeLayout.Builder builder = AttributeLayout.builder();
        int us = builder.symbol("US");
        AttributeLayout layout = builder.build();

        assertThat(layout.symbolOf(new String("US".toCharArray()))).isEqualTo(us);
        assertThat(layout.symbolOf("CA")).isEqualTo(AttributeLayout.OTHER_STRING);
        assertThat(layout.symbolOf(42)).isEqualTo(AttributeLayout.NOT_A_STRING);
        assertThat(layout.symbolOf(null)).isEqualTo(AttributeLayout.NOT_A_STRING);
    }

    @Test
    void slotsAreAssignedOncePerPath() {
        AttributeLayout.Builder builder = AttributeLayout.builder();
        RuleCompiler compiler = RuleCompiler.builder().layout(builder).build();
        compiler.compile("country == \"US\" and appVersion >= 42");
        compiler.compile("country in [\"CA\"]");
        AttributeLayout layout = builder.build();

        assertThat(layout.paths()).containsExactly("country", "appVersion");
        assertThat(layout.slotOf("appVersion")).isEqualTo(1);
        assertThat(layout.slotOf("plan")).isEqualTo(-1);
    }

    /**
     * Rules compiled into a shared layout, tested on a context that answers only by slot: reading a
     * path would throw. Expected values are worked out by hand.
     */
    @Nested
    class ContextsLaidOutByTheLayout {

        private final AttributeLayout.Builder builder = AttributeLayout.builder();
        private final RuleCompiler compiler =
                RuleCompiler.builder().layout(builder).build();

        private boolean test(String rule, Object... pathValues) {
            CompiledRule compiled = compiler.compile(rule).rule();
            return compiled.test(new SlotsOnly(builder.layout(), pathValues));
        }

        @Test
        void stringEqualityAndMembershipCompareSymbols() {
            assertThat(test("plan == \"pro\"", "plan", "pro")).isTrue();
            assertThat(test("plan == \"pro\"", "plan", "free")).isFalse();
            assertThat(test("\"pro\" == plan", "plan", "pro")).isTrue();
            assertThat(test("plan != \"pro\"", "plan", "free")).isTrue();
            assertThat(test("country in [\"US\", \"CA\"]", "country", "CA")).isTrue();
            assertThat(test("country not in [\"US\", \"CA\"]", "country", "DE")).isTrue();
            assertThat(test("country not in [\"US\", \"CA\"]", "country", "US")).isFalse();
        }

        @Test
        void anAbsentOrNonStringAttributeMakesEveryStringFormFalse() {
            assertThat(test("plan == \"pro\"")).isFalse();
            assertThat(test("plan != \"pro\"")).isFalse();
            assertThat(test("plan != \"pro\"", "plan", 3)).isFalse();
            assertThat(test("country not in [\"US\"]", "country", true)).isFalse();
        }

        @Test
        void numberComparisonsAreExactAtTheBoundary() {
            double justAbove = Math.nextUp(42.0);
            assertThat(test("v > 42", "v", 42)).isFalse();
            assertThat(test("v > 42", "v", justAbove)).isTrue();
            assertThat(test("v >= 42", "v", 42L)).isTrue();
            assertThat(test("v < 42", "v", Math.nextDown(42.0))).isTrue();
            assertThat(test("v < 42", "v", 42)).isFalse();
            assertThat(test("v <= 42", "v", 42)).isTrue();
            assertThat(test("v == 42", "v", 42.0)).isTrue();
            assertThat(test("v != 42", "v", 41)).isTrue();
            assertThat(test("v < 0", "v", -0.0)).isFalse();
            assertThat(test("v == 0", "v", -0.0)).isTrue();
            assertThat(test("42 < v", "v", 43)).isTrue();
            assertThat(test("v > 1", "v", Double.POSITIVE_INFINITY)).isTrue();
        }

        @Test
        void conjunctionsOfSuchTestsReadTheCells() {
            String rule = "country in [\"US\", \"CA\"] and plan != \"free\" and appVersion >= 42";
            assertThat(test(rule, "country", "CA", "plan", "pro", "appVersion", 42))
                    .isTrue();
            assertThat(test(rule, "country", "CA", "plan", "pro", "appVersion", 41.5))
                    .isFalse();
            assertThat(test(rule, "country", "CA", "plan", "free", "appVersion", 50))
                    .isFalse();
            assertThat(test(rule, "country", "DE", "plan", "pro", "appVersion", 50))
                    .isFalse();
            assertThat(test(rule, "country", "US", "appVersion", 50)).isFalse();
            assertThat(test(rule, "country", "US", "plan", 7, "appVersion", 50)).isFalse();
            assertThat(test("v > 1 and v < 3 and v != 2", "v", 2.5)).isTrue();
            assertThat(test("v > 1 and v < 3 and v != 2", "v", 2)).isFalse();
        }

        @Test
        void anAbsentOrNonNumberAttributeMakesEveryNumberFormFalse() {
            assertThat(test("v != 42")).isFalse();
            assertThat(test("v != 42", "v", "42")).isFalse();
            assertThat(test("v >= 0", "v", Double.NaN)).isFalse();
        }
    }

    /** Answers attributes only through the slots (and cells) of its layout. */
    private static final class SlotsOnly implements RuleContext {
        private final AttributeLayout layout;
        private final Map<Integer, Object> bySlot = new HashMap<>();
        private final Map<String, Object> byPath = new HashMap<>();

        SlotsOnly(AttributeLayout layout, Object... pathValues) {
            this.layout = layout;
            for (int i = 0; i < pathValues.length; i += 2) {
                bySlot.put(layout.slotOf((String) pathValues[i]), pathValues[i + 1]);
                byPath.put((String) pathValues[i], pathValues[i + 1]);
            }
        }

        @Override
        public long[] cells(AttributeLayout rules) {
            assertThat(rules).isSameAs(layout);
            return layout.cellsOf(byPath);
        }

        @Override
        public Object attribute(String path) {
            throw new AssertionError("read by path: " + path);
        }

        @Override
        public Object attribute(AttributeLayout rules, int slot, String path) {
            assertThat(rules).isSameAs(layout);
            return bySlot.get(slot);
        }

        @Override
        public double number(AttributeLayout rules, int slot, String path) {
            return attribute(rules, slot, path) instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        @Override
        public int symbol(AttributeLayout rules, int slot, String path) {
            return layout.symbolOf(attribute(rules, slot, path));
        }

        @Override
        public long nowMillis() {
            return 0;
        }

        @Override
        public boolean inSegment(String segment, String value) {
            return false;
        }
    }
}
