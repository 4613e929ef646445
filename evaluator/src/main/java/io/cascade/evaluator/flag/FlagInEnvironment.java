package io.cascade.evaluator.flag;

/**
 * One flag in one environment, ready to evaluate: the class every evaluation goes through.
 *
 * <p>IMPLEMENTATION NOTES (hot path): {@link #evaluate} must not allocate on a non-error path and
 * is the only evaluation code, so its call sites stay monomorphic. Every non-error result is built
 * at compile time and returned by reference. A flag that is off, broken, or not defined in the
 * environment has its one answer in {@code fixed}. Targets are looked up by the context's key
 * symbol (an int, computed when the context was bound), rules read the bound context's slots, and
 * splits hash only the key (the salt is hashed at compile time). Error results that name the
 * caller's input (an invalid context) are built on demand: they are rare and carry a message.
 */
final class FlagInEnvironment {

    private final String key;
    private final FlagType type;
    private final boolean archived;
    private final EvaluationResult<Object> fixed;
    private final SymbolMap<EvaluationResult<Object>> targets;
    private final RuleChain rules;
    private final Outcome[] outcomes;
    private final Outcome fallthrough;
    /** The one answer of a flag that is on here without targets or rules and serves one variation. */
    private final EvaluationResult<Object> constant;

    private FlagInEnvironment(
            String key,
            FlagType type,
            boolean archived,
            EvaluationResult<Object> fixed,
            SymbolMap<EvaluationResult<Object>> targets,
            RuleChain rules,
            Outcome[] outcomes,
            Outcome fallthrough) {
        this.key = key;
        this.type = type;
        this.archived = archived;
        this.fixed = fixed;
        this.targets = targets;
        this.rules = rules;
        this.outcomes = outcomes;
        this.fallthrough = fallthrough;
        this.constant = fixed == null && targets == null && rules.isEmpty() && fallthrough instanceof Outcome.Fixed f
                ? f.result()
                : null;
    }

    /** A flag whose every evaluation here gives {@code result}: off, broken, or not defined here. */
    static FlagInEnvironment fixed(String key, FlagType type, boolean archived, EvaluationResult<Object> result) {
        return new FlagInEnvironment(key, type, archived, result, null, null, new Outcome[0], null);
    }

    /** A flag that is on here; {@code targets} null when it has none. */
    static FlagInEnvironment targeting(
            String key,
            FlagType type,
            boolean archived,
            SymbolMap<EvaluationResult<Object>> targets,
            RuleChain rules,
            Outcome[] outcomes,
            Outcome fallthrough) {
        return new FlagInEnvironment(key, type, archived, null, targets, rules, outcomes.clone(), fallthrough);
    }

    String key() {
        return key;
    }

    /** The flag's type; null when its document is broken. */
    FlagType type() {
        return type;
    }

    /** The rules; null for a flag with a fixed answer. */
    RuleChain rules() {
        return rules;
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
        int rule = rules.firstMatch(context);
        Outcome outcome = rule < 0 ? fallthrough : outcomes[rule];
        return outcome.serve(context.targetingKeyOrNull());
    }
}
