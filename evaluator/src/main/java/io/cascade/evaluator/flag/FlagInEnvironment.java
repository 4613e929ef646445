package io.cascade.evaluator.flag;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.CompiledRule;
import java.util.Map;

/**
 * One flag in one environment, ready to evaluate: the class every evaluation goes through.
 *
 * <p>IMPLEMENTATION NOTES (hot path): {@link #evaluate} must not allocate on a non-error path and
 * is the only evaluation code, so its call sites stay monomorphic. Every non-error result is built
 * at compile time and returned by reference. A flag that is off, broken, or not defined in the
 * environment has its one answer in {@code fixed}; one that is on without targets or rules and
 * serves one variation, in {@code constant}. Targets are looked up by the context's key symbol (an
 * int, computed when the context was bound), rules are laid out by {@link RuleChain}, which this
 * class extends, and read the bound context's slots, and splits hash only the key (the salt is hashed at compile time). Evaluation
 * time is mostly the latency of loads that depend on each other (flag, then its rules, then their
 * arrays, then the result), so each step reads as few objects as it can: the outcome of the first
 * matching rule is {@code results[match + 1]}, the fallthrough at 0, without a branch on whether a
 * rule matched. Error results that name the caller's input (an invalid context) are built on
 * demand: they are rare and carry a message.
 */
final class FlagInEnvironment extends RuleChain {

    private final String key;
    private final FlagType type;
    private final boolean archived;
    private final EvaluationResult<Object> fixed;
    private final SymbolMap<EvaluationResult<Object>> targets;
    /** The fallthrough, then each rule's outcome: {@code served[firstMatch + 1]}, with no branch on the match. */
    private final Outcome[] served;
    /** {@code served[i]}'s one result when it serves one variation, else null: one load less than asking it. */
    private final EvaluationResult<Object>[] results;
    /** The one answer of a flag that is on here without targets or rules and serves one variation. */
    private final EvaluationResult<Object> constant;

    private FlagInEnvironment(
            String key,
            FlagType type,
            boolean archived,
            EvaluationResult<Object> fixed,
            SymbolMap<EvaluationResult<Object>> targets,
            CompiledRule[] rules,
            AttributeLayout layout,
            Map<String, CompiledSegment> segments,
            Outcome[] outcomes,
            Outcome fallthrough) {
        super(rules, layout, segments);
        this.key = key;
        this.type = type;
        this.archived = archived;
        this.fixed = fixed;
        this.targets = targets;
        this.served = new Outcome[outcomes.length + 1];
        this.served[0] = fallthrough;
        System.arraycopy(outcomes, 0, this.served, 1, outcomes.length);
        this.results = newResults(served.length);
        for (int i = 0; i < served.length; i++) {
            results[i] = served[i] instanceof Outcome.Fixed f ? f.result() : null;
        }
        this.constant = fixed == null && targets == null && hasNoRules() && fallthrough instanceof Outcome.Fixed f
                ? f.result()
                : null;
    }

    /** A flag whose every evaluation here gives {@code result}: off, broken, or not defined here. */
    static FlagInEnvironment fixed(String key, FlagType type, boolean archived, EvaluationResult<Object> result) {
        return new FlagInEnvironment(key, type, archived, result, null, NO_RULES, null, Map.of(), new Outcome[0], null);
    }

    /** A flag that is on here; {@code targets} null when it has none. */
    static FlagInEnvironment targeting(
            String key,
            FlagType type,
            boolean archived,
            SymbolMap<EvaluationResult<Object>> targets,
            CompiledRule[] rules,
            AttributeLayout layout,
            Map<String, CompiledSegment> segments,
            Outcome[] outcomes,
            Outcome fallthrough) {
        return new FlagInEnvironment(
                key, type, archived, null, targets, rules, layout, segments, outcomes, fallthrough);
    }

    String key() {
        return key;
    }

    /** The flag's type; null when its document is broken. */
    FlagType type() {
        return type;
    }

    boolean isArchived() {
        return archived;
    }

    /** Evaluates for {@code context}, which must be bound to the flag set this flag belongs to. */
    EvaluationResult<Object> evaluate(EvaluationContext context) {
        if (fixed != null) {
            return fixed;
        }
        String problem = context.problemOrNull();
        if (problem != null) {
            return EvaluationResult.error(ErrorCode.INVALID_CONTEXT, problem);
        }
        if (constant != null) {
            return constant;
        }
        if (targets != null) {
            EvaluationResult<Object> target = targets.get(context.keySymbol());
            if (target != null) {
                return target;
            }
        }
        int outcome = firstMatch(context) + 1;
        EvaluationResult<Object> result = results[outcome];
        return result != null ? result : served[outcome].serve(context.targetingKeyOrNull());
    }

    @SuppressWarnings("unchecked")
    private static EvaluationResult<Object>[] newResults(int size) {
        return (EvaluationResult<Object>[]) new EvaluationResult<?>[size];
    }
}
