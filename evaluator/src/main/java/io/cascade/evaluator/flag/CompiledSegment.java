package io.cascade.evaluator.flag;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.CompiledRule;
import io.cascade.rules.RuleContext;
import java.util.Set;

/**
 * A segment ready to test: its key lists as hash sets of strings and as sets of symbols of the flag
 * set's layout, the condition compiled with the segment key as salt.
 */
final class CompiledSegment {

    private final Segment segment;
    private final CompiledRule when;
    private final SymbolSet includedSymbols;
    private final SymbolSet excludedSymbols;

    CompiledSegment(Segment segment, CompiledRule when, AttributeLayout.Builder layout) {
        this.segment = segment;
        this.when = when;
        this.includedSymbols = symbols(segment.included(), layout);
        this.excludedSymbols = symbols(segment.excluded(), layout);
    }

    private static SymbolSet symbols(Set<String> keys, AttributeLayout.Builder layout) {
        return SymbolSet.of(keys.stream().mapToInt(layout::symbol).toArray());
    }

    /** The included keys when they alone decide membership (no condition), else null. */
    SymbolSet keysAloneOrNull() {
        return when == null ? includedSymbols : null;
    }

    Segment segment() {
        return segment;
    }

    /** The segments this one's condition refers to. */
    Set<String> references() {
        return when == null ? Set.of() : when.segments();
    }

    boolean contains(String value, RuleContext context) {
        if (segment.included().contains(value)) {
            return true;
        }
        if (when == null || segment.excluded().contains(value)) {
            return false;
        }
        return when.test(context);
    }

    /** Like {@link #contains(String, RuleContext)} for the value whose symbol in the set's layout is {@code symbol}. */
    boolean contains(int symbol, RuleContext context) {
        if (when == null) {
            return includedSymbols.contains(symbol);
        }
        if (includedSymbols.contains(symbol)) {
            return true;
        }
        if (when == null || excludedSymbols.contains(symbol)) {
            return false;
        }
        return when.test(context);
    }
}
