package io.cascade.evaluator.flag;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.CompiledRule;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flag ready to evaluate in each environment it defines, or the record that its document is
 * broken. The per-environment parts are {@link FlagInEnvironment}s; {@link EnvironmentFlags} holds
 * those of one environment.
 */
final class CompiledFlag {

    private final String key;
    private final Flag flag;
    private final EvaluationResult<Object> broken;
    private final Map<String, FlagInEnvironment> environments;

    private CompiledFlag(
            String key, Flag flag, EvaluationResult<Object> broken, Map<String, FlagInEnvironment> environments) {
        this.key = key;
        this.flag = flag;
        this.broken = broken;
        this.environments = environments;
    }

    /** A flag whose document (or a segment it uses) is invalid: every evaluation gives PARSE_ERROR. */
    static CompiledFlag broken(String key, String reason) {
        return new CompiledFlag(
                key,
                null,
                EvaluationResult.error(ErrorCode.PARSE_ERROR, "flag '" + key + "' is invalid: " + reason),
                Map.of());
    }

    /**
     * {@code conditions} holds the compiled condition of every rule, by its source; target keys get
     * symbols in {@code layout}; rules that test segment membership test these {@code segments}.
     */
    static CompiledFlag of(
            Flag flag,
            Map<String, CompiledRule> conditions,
            AttributeLayout.Builder layout,
            Map<String, CompiledSegment> segments) {
        Map<String, FlagInEnvironment> environments = new LinkedHashMap<>();
        flag.environments()
                .forEach((name, env) -> environments.put(name, compile(flag, env, conditions, layout, segments)));
        return new CompiledFlag(flag.key(), flag, null, environments);
    }

    String key() {
        return key;
    }

    /** The flag, or null when broken. */
    Flag flag() {
        return flag;
    }

    boolean isBroken() {
        return broken != null;
    }

    /** The environments the flag defines, in document order; none when broken. */
    Iterable<String> environmentNames() {
        return environments.keySet();
    }

    /** The flag in {@code environment}: compiled when defined, else fixed to the right error. */
    FlagInEnvironment in(String environment) {
        FlagType type = flag == null ? null : flag.type();
        boolean archived = flag != null && flag.metadata().archived();
        if (broken != null) {
            return FlagInEnvironment.fixed(key, null, false, broken);
        }
        FlagInEnvironment compiled = environments.get(environment);
        if (compiled != null) {
            return compiled;
        }
        return FlagInEnvironment.fixed(
                key,
                type,
                archived,
                EvaluationResult.error(
                        ErrorCode.FLAG_NOT_FOUND,
                        "flag '" + key + "' does not define environment '" + environment + "'"));
    }

    /** Whether evaluateAll lists the flag in {@code environment}: defined there or broken, and not archived. */
    boolean listedIn(String environment) {
        if (broken != null) {
            return true;
        }
        return !flag.metadata().archived() && environments.containsKey(environment);
    }

    private static FlagInEnvironment compile(
            Flag flag,
            FlagEnvironment env,
            Map<String, CompiledRule> conditions,
            AttributeLayout.Builder layout,
            Map<String, CompiledSegment> segments) {
        boolean archived = flag.metadata().archived();
        if (!env.enabled()) {
            return FlagInEnvironment.fixed(
                    flag.key(), flag.type(), archived, served(flag, env.offVariation(), Reason.DISABLED, null, false));
        }
        Map<Integer, EvaluationResult<Object>> targets = new HashMap<>();
        env.targets().forEach((variation, keys) -> {
            EvaluationResult<Object> match = served(flag, variation, Reason.TARGETING_MATCH, null, false);
            keys.forEach(k -> targets.put(layout.symbol(k), match));
        });
        List<Rule> rules = env.rules();
        CompiledRule[] tests = new CompiledRule[rules.size()];
        Outcome[] outcomes = new Outcome[rules.size()];
        for (int i = 0; i < tests.length; i++) {
            Rule rule = rules.get(i);
            tests[i] = conditions.get(rule.when());
            outcomes[i] = outcome(flag, rule.serve(), Reason.TARGETING_MATCH, rule.id());
        }
        Outcome fallthrough = outcome(flag, env.fallthrough(), Reason.DEFAULT, null);
        return FlagInEnvironment.targeting(
                flag.key(),
                flag.type(),
                archived,
                targets.isEmpty() ? null : SymbolMap.of(targets),
                tests,
                layout.layout(),
                segments,
                outcomes,
                fallthrough);
    }

    private static Outcome outcome(Flag flag, Serve serve, Reason singleReason, String ruleId) {
        if (serve instanceof Serve.Single single) {
            return new Outcome.Fixed(served(flag, single.variation(), singleReason, ruleId, false));
        }
        Serve.Split split = (Serve.Split) serve;
        List<Serve.Allocation> allocations = split.allocations();
        int[] bounds = new int[allocations.size()];
        EvaluationResult<Object>[] results = newResults(allocations.size());
        int upper = 0;
        for (int i = 0; i < bounds.length; i++) {
            Serve.Allocation allocation = allocations.get(i);
            upper += allocation.buckets();
            bounds[i] = upper;
            results[i] = served(flag, allocation.variation(), Reason.SPLIT, ruleId, split.experiment());
        }
        EvaluationResult<Object> keyMissing = EvaluationResult.error(
                ErrorCode.TARGETING_KEY_MISSING,
                "flag '" + flag.key() + "' splits by targeting key and the context has no targetingKey");
        return new Outcome.Split(flag.salt(), bounds, results, keyMissing);
    }

    @SuppressWarnings("unchecked")
    private static EvaluationResult<Object>[] newResults(int size) {
        return (EvaluationResult<Object>[]) new EvaluationResult<?>[size];
    }

    private static EvaluationResult<Object> served(
            Flag flag, String variation, Reason reason, String ruleId, boolean inExperiment) {
        return EvaluationResult.served(variation, flag.variations().get(variation), reason, ruleId, inExperiment);
    }
}
