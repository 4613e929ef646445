package io.cascade.evaluator.flag;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.CompiledRule;
import io.cascade.rules.Conjunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one flag in one environment, laid out to find the first that holds.
 *
 * <p>IMPLEMENTATION NOTES (hot path). A rule that is an {@code and} of slot conditions ({@link
 * CompiledRule#conjunction()}: string equality or {@code in} list, number comparison, segment
 * membership) is not called through its {@link CompiledRule}: its conditions sit in parallel arrays
 * of this one final class and are tested in a loop over the context's cells, so no virtual call is
 * made whatever the rule's shape, the segment is referenced directly instead of looked up by name,
 * and within a rule the slot comparisons are tested before the segment memberships (conditions
 * have no side effects, so the order does not change the answer). Any other rule is tested through
 * its {@link CompiledRule}.
 *
 * <p>When two or more rules each require one string attribute to be among some values ({@code
 * country == "X" and ...}), the chain indexes them by that attribute: one lookup of its symbol gives
 * the bit set of the rules that can still hold (those that require nothing of it, and those whose
 * values include it), and only these are tested, in order. A rule left out cannot hold, so the first
 * rule that holds is the same. Up to 64 rules are indexed; longer chains are scanned.
 *
 * <p>{@link FlagInEnvironment} extends this class rather than holding a chain, so that the arrays
 * are its own fields: evaluation time is mostly loads that wait on each other, and this saves one.
 * Nothing here allocates after construction. Immutable.
 */
abstract class RuleChain {

    static final CompiledRule[] NO_RULES = new CompiledRule[0];

    private static final byte SYMBOL = 0;
    private static final byte NUMBER = 1;
    private static final byte SEGMENT = 2;
    private static final int MAX_INDEXED = Long.SIZE;

    private final CompiledRule[] rules;
    /** {@code rules.length}, and the first rule's entries, kept in fields: one load less for one-rule flags. */
    private final int ruleCount;

    private final CompiledRule firstGeneric;
    private final int firstStart;
    private final int firstComparisonsEnd;
    private final int firstEnd;
    /**
     * The first rule's first condition, when the rule is laid out, in fields: a one-rule flag reads
     * its first test without going through the per-condition arrays (kind -1 when there is none).
     */
    private final byte headKind;

    private final int headCell;
    private final boolean headNegated;
    private final int[] headSymbols;
    private final double headLow;
    private final double headHigh;
    private final long[] headKeyBits;
    private final int headKeyLowest;
    private final long headKeyLimit;
    private final CompiledSegment headSegment;
    private final AttributeLayout layout;

    /** Per rule: its compiled rule when it is tested through it, else null. */
    private final CompiledRule[] generic;
    /**
     * Per rule: its conditions are {@code [start[i], end[i])}, the slot comparisons {@code
     * [start[i], comparisonsEnd[i])}, the segment memberships after them.
     */
    private final int[] start;

    private final int[] comparisonsEnd;
    private final int[] end;

    // Per condition.
    private final byte[] kind;
    private final int[] cell;
    private final int[][] symbols;
    private final double[] low;
    private final double[] high;
    private final boolean[] negated;
    private final CompiledSegment[] segment;
    /**
     * For a membership in a segment of keys only, kept as a bit set: its words, lowest symbol and
     * limit, read here without going through the segment; null words otherwise.
     */
    private final long[][] keyBits;

    private final int[] keyLowest;
    private final long[] keyLimit;

    // The index: the symbol cell it reads (-1 when there is none), symbol -> candidate rules.
    private final int indexCell;
    private final SymbolMap<long[]> candidates;
    private final long otherCandidates;

    /** The chain of {@code rules}, compiled into {@code layout}, whose segments are {@code segments}. */
    RuleChain(CompiledRule[] rules, AttributeLayout layout, Map<String, CompiledSegment> segments) {
        this.rules = rules.clone();
        this.ruleCount = rules.length;
        this.layout = layout;
        int n = rules.length;
        generic = new CompiledRule[n];
        start = new int[n];
        comparisonsEnd = new int[n];
        end = new int[n];
        List<Conjunction.Condition> all = new ArrayList<>();
        List<CompiledSegment> resolved = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Conjunction.Condition> conditions = laidOut(rules[i], layout, segments);
            start[i] = all.size();
            comparisonsEnd[i] = all.size();
            if (conditions == null) {
                generic[i] = rules[i];
                end[i] = all.size();
                continue;
            }
            for (Conjunction.Condition condition : conditions) {
                if (!(condition instanceof Conjunction.InSegment)) {
                    comparisonsEnd[i]++;
                }
                all.add(condition);
                resolved.add(condition instanceof Conjunction.InSegment in ? segments.get(in.segment()) : null);
            }
            end[i] = all.size();
        }
        firstGeneric = n > 0 ? generic[0] : null;
        firstStart = n > 0 ? start[0] : 0;
        firstComparisonsEnd = n > 0 ? comparisonsEnd[0] : 0;
        firstEnd = n > 0 ? end[0] : 0;
        int m = all.size();
        kind = new byte[m];
        cell = new int[m];
        symbols = new int[m][];
        low = new double[m];
        high = new double[m];
        negated = new boolean[m];
        segment = resolved.toArray(new CompiledSegment[0]);
        keyBits = new long[m][];
        keyLowest = new int[m];
        keyLimit = new long[m];
        for (int j = 0; j < m; j++) {
            SymbolSet keys = segment[j] == null ? null : segment[j].keysAloneOrNull();
            if (keys != null && keys.bitsOrNull() != null) {
                keyBits[j] = keys.bitsOrNull();
                keyLowest[j] = keys.lowest();
                keyLimit[j] = keys.limit();
            }
        }
        for (int j = 0; j < m; j++) {
            Conjunction.Condition condition = all.get(j);
            if (condition instanceof Conjunction.SymbolIn in) {
                kind[j] = SYMBOL;
                cell[j] = AttributeLayout.symbolCell(in.slot());
                symbols[j] = in.symbols();
                negated[j] = in.negated();
            } else if (condition instanceof Conjunction.NumberIn in) {
                kind[j] = NUMBER;
                cell[j] = AttributeLayout.numberCell(in.slot());
                low[j] = in.low();
                high[j] = in.high();
                negated[j] = in.negated();
            } else {
                Conjunction.InSegment in = (Conjunction.InSegment) condition;
                kind[j] = SEGMENT;
                cell[j] = AttributeLayout.symbolCell(in.slot());
                negated[j] = in.negated();
            }
        }
        int head = firstGeneric == null && firstStart < firstEnd ? firstStart : -1;
        headKind = head < 0 ? -1 : kind[head];
        headCell = head < 0 ? 0 : cell[head];
        headNegated = head >= 0 && negated[head];
        headSymbols = head < 0 ? null : symbols[head];
        headLow = head < 0 ? 0 : low[head];
        headHigh = head < 0 ? 0 : high[head];
        headKeyBits = head < 0 ? null : keyBits[head];
        headKeyLowest = head < 0 ? 0 : keyLowest[head];
        headKeyLimit = head < 0 ? 0 : keyLimit[head];
        headSegment = head < 0 ? null : segment[head];
        int slot = indexSlot(all);
        if (slot < 0) {
            indexCell = -1;
            candidates = null;
            otherCandidates = 0;
            return;
        }
        indexCell = AttributeLayout.symbolCell(slot);
        long unguarded = 0;
        Map<Integer, long[]> bySymbol = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int[] required = guard(i, slot);
            if (required == null) {
                unguarded |= 1L << i;
                continue;
            }
            for (int symbol : required) {
                bySymbol.computeIfAbsent(symbol, s -> new long[1])[0] |= 1L << i;
            }
        }
        for (long[] mask : bySymbol.values()) {
            mask[0] |= unguarded;
        }
        candidates = SymbolMap.of(bySymbol);
        otherCandidates = unguarded;
    }

    /** The rule's conditions, slot comparisons first, or null when it is tested through its CompiledRule. */
    private static List<Conjunction.Condition> laidOut(
            CompiledRule rule, AttributeLayout layout, Map<String, CompiledSegment> segments) {
        Conjunction conjunction = rule.conjunction().orElse(null);
        if (conjunction == null
                || conjunction.layout() != layout
                || conjunction.conditions().isEmpty()) {
            return null;
        }
        List<Conjunction.Condition> comparisons = new ArrayList<>();
        List<Conjunction.Condition> memberships = new ArrayList<>();
        for (Conjunction.Condition condition : conjunction.conditions()) {
            if (condition instanceof Conjunction.InSegment in) {
                if (!segments.containsKey(in.segment())) {
                    return null;
                }
                memberships.add(condition);
            } else {
                comparisons.add(condition);
            }
        }
        comparisons.addAll(memberships);
        return comparisons;
    }

    /** The slot most rules require a string value of, when at least two do and there are few rules; else -1. */
    private int indexSlot(List<Conjunction.Condition> all) {
        if (rules.length < 2 || rules.length > MAX_INDEXED) {
            return -1;
        }
        Map<Integer, Integer> rulesBySlot = new HashMap<>();
        for (int i = 0; i < rules.length; i++) {
            List<Integer> counted = new ArrayList<>();
            for (int j = start[i]; j < end[i]; j++) {
                Conjunction.Condition condition = all.get(j);
                if (condition instanceof Conjunction.SymbolIn in && !in.negated() && !counted.contains(in.slot())) {
                    counted.add(in.slot());
                    rulesBySlot.merge(in.slot(), 1, Integer::sum);
                }
            }
        }
        int best = -1;
        int most = 1;
        for (Map.Entry<Integer, Integer> entry : rulesBySlot.entrySet()) {
            int count = entry.getValue();
            if (count > most || (count == most && best >= 0 && entry.getKey() < best)) {
                best = entry.getKey();
                most = count;
            }
        }
        return best;
    }

    /** The symbols rule {@code i} requires at {@code slot} (its first plain {@code in}/{@code ==} there), or null. */
    private int[] guard(int i, int slot) {
        int symbolCell = AttributeLayout.symbolCell(slot);
        for (int j = start[i]; j < end[i]; j++) {
            if (kind[j] == SYMBOL && cell[j] == symbolCell && !negated[j]) {
                return symbols[j];
            }
        }
        return null;
    }

    boolean hasNoRules() {
        return ruleCount == 0;
    }

    /** How many rules are laid out in arrays rather than tested through their compiled rule. */
    int laidOut() {
        int count = 0;
        for (CompiledRule rule : generic) {
            count += rule == null ? 1 : 0;
        }
        return count;
    }

    /** Whether the rules are indexed by the value of an attribute. */
    boolean indexed() {
        return indexCell >= 0;
    }

    /** The index of the first rule that holds for {@code context} (bound to the flag set), or -1. */
    final int firstMatch(EvaluationContext context) {
        int n = ruleCount;
        if (n == 0) {
            return -1;
        }
        long[] cells = context.cells(layout);
        if (cells == null) {
            return firstMatchByRules(context);
        }
        if (n == 1) {
            return firstRuleHolds(cells, context) ? 0 : -1;
        }
        if (indexCell < 0) {
            for (int i = 0; i < n; i++) {
                if (holds(i, cells, context)) {
                    return i;
                }
            }
            return -1;
        }
        long remaining = candidatesOf((int) cells[indexCell]);
        while (remaining != 0) {
            int i = Long.numberOfTrailingZeros(remaining);
            if (holds(i, cells, context)) {
                return i;
            }
            remaining &= remaining - 1;
        }
        return -1;
    }

    private long candidatesOf(int symbol) {
        long[] mask = candidates.get(symbol);
        return mask == null ? otherCandidates : mask[0];
    }

    /**
     * Whether rule {@code rule} holds: its slot comparisons first, then its segment memberships,
     * which cost more, stopping at the first that does not hold. Each comparison computes its answer
     * without branching on the context's value (such a branch is one the CPU mispredicts).
     */
    private boolean holds(int rule, long[] cells, EvaluationContext context) {
        CompiledRule compiled = generic[rule];
        if (compiled != null) {
            return compiled.test(context);
        }
        return holds(start[rule], comparisonsEnd[rule], end[rule], cells, context);
    }

    /** Like {@code holds(0, ...)}, the first condition read from the head fields. */
    private boolean firstRuleHolds(long[] cells, EvaluationContext context) {
        CompiledRule compiled = firstGeneric;
        if (compiled != null) {
            return compiled.test(context);
        }
        if (headKind < 0) {
            return holds(firstStart, firstComparisonsEnd, firstEnd, cells, context);
        }
        return headHolds(cells, context) && holds(firstStart + 1, firstComparisonsEnd, firstEnd, cells, context);
    }

    private boolean headHolds(long[] cells, EvaluationContext context) {
        long value = cells[headCell];
        if (headKind == SYMBOL) {
            int symbol = (int) value;
            return (symbol != AttributeLayout.NOT_A_STRING) & (contains(headSymbols, symbol) != headNegated);
        }
        if (headKind == NUMBER) {
            double number = Double.longBitsToDouble(value);
            return (number == number) & (((number >= headLow) & (number <= headHigh)) != headNegated);
        }
        int symbol = (int) value;
        if (symbol == AttributeLayout.NOT_A_STRING) {
            return false;
        }
        long[] bits = headKeyBits;
        boolean member = bits != null
                ? SymbolSet.bitSetContains(bits, headKeyLowest, headKeyLimit, symbol)
                : headSegment.contains(symbol, context);
        return member != headNegated;
    }

    /**
     * Whether the laid-out conditions {@code [first, last)} hold, those before {@code comparisons}
     * being comparisons and the others memberships.
     */
    private boolean holds(int first, int comparisons, int last, long[] cells, EvaluationContext context) {
        for (int j = first; j < comparisons; j++) {
            if (!comparisonHolds(j, cells)) {
                return false;
            }
        }
        for (int j = Math.max(first, comparisons); j < last; j++) {
            if (!membershipHolds(j, cells, context)) {
                return false;
            }
        }
        return true;
    }

    private boolean comparisonHolds(int j, long[] cells) {
        long value = cells[cell[j]];
        if (kind[j] == SYMBOL) {
            int symbol = (int) value;
            return (symbol != AttributeLayout.NOT_A_STRING) & (contains(symbols[j], symbol) != negated[j]);
        }
        double number = Double.longBitsToDouble(value);
        return (number == number) & (((number >= low[j]) & (number <= high[j])) != negated[j]);
    }

    private boolean membershipHolds(int j, long[] cells, EvaluationContext context) {
        int symbol = (int) cells[cell[j]];
        if (symbol == AttributeLayout.NOT_A_STRING) {
            return false;
        }
        long[] bits = keyBits[j];
        boolean member = bits != null
                ? SymbolSet.bitSetContains(bits, keyLowest[j], keyLimit[j], symbol)
                : segment[j].contains(symbol, context);
        return member != negated[j];
    }

    /** Whether sorted {@code all} holds {@code symbol}; a short list is compared whole, without branching. */
    private static boolean contains(int[] all, int symbol) {
        if (all.length > 8) {
            return Arrays.binarySearch(all, symbol) >= 0;
        }
        boolean found = false;
        for (int s : all) {
            found |= s == symbol;
        }
        return found;
    }

    /** For a context not laid out by the chain's layout: every rule through its CompiledRule. */
    private int firstMatchByRules(EvaluationContext context) {
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].test(context)) {
                return i;
            }
        }
        return -1;
    }
}
