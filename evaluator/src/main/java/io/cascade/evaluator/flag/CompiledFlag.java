package io.cascade.evaluator.flag;

import io.cascade.rules.CompiledRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flag ready to evaluate, or the record that its document is broken.
 *
 * <p>IMPLEMENTATION NOTES (hot path): {@link #evaluate} must not allocate on a non-error path. Every
 * non-error result is built here, once, and returned by reference; targets are a hash map from key
 * to result; splits are cumulative bucket bounds. Error results that name the caller's input (an
 * unknown environment, an invalid context) are built on demand: they are rare and carry a message.
 */
final class CompiledFlag {

    private final String key;
    private final Flag flag;
    private final EvaluationResult broken;
    private final Map<String, Environment> environments;

    private CompiledFlag(String key, Flag flag, EvaluationResult broken, Map<String, Environment> environments) {
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

    /** {@code conditions} holds the compiled condition of every rule, by its source. */
    static CompiledFlag of(Flag flag, Map<String, CompiledRule> conditions) {
        Map<String, Environment> environments = new HashMap<>();
        flag.environments().forEach((name, env) -> environments.put(name, compile(flag, env, conditions)));
        return new CompiledFlag(flag.key(), flag, null, environments);
    }

    String key() {
        return key;
    }

    /** The flag, or null when broken. */
    Flag flag() {
        return flag;
    }

    boolean isArchived() {
        return flag != null && flag.metadata().archived();
    }

    boolean hasEnvironment(String environment) {
        return broken != null || environments.containsKey(environment);
    }

    EvaluationResult evaluate(String environment, EvaluationContext context) {
        if (broken != null) {
            return broken;
        }
        Environment env = environments.get(environment);
        if (env == null) {
            return EvaluationResult.error(
                    ErrorCode.FLAG_NOT_FOUND, "flag '" + key + "' does not define environment '" + environment + "'");
        }
        return env.evaluate(context, flag.salt());
    }

    private static Environment compile(Flag flag, FlagEnvironment env, Map<String, CompiledRule> conditions) {
        Map<String, EvaluationResult> targets = new HashMap<>();
        env.targets().forEach((variation, keys) -> {
            EvaluationResult match = served(flag, variation, Reason.TARGETING_MATCH, null, false);
            keys.forEach(k -> targets.put(k, match));
        });
        List<Rule> rules = env.rules();
        CompiledRule[] tests = new CompiledRule[rules.size()];
        Outcome[] outcomes = new Outcome[rules.size()];
        for (int i = 0; i < tests.length; i++) {
            Rule rule = rules.get(i);
            tests[i] = conditions.get(rule.when());
            outcomes[i] = outcome(flag, rule.serve(), Reason.TARGETING_MATCH, rule.id());
        }
        EvaluationResult off = served(flag, env.offVariation(), Reason.DISABLED, null, false);
        Outcome fallthrough = outcome(flag, env.fallthrough(), Reason.DEFAULT, null);
        return new Environment(env.enabled(), off, targets, tests, outcomes, fallthrough);
    }

    private static Outcome outcome(Flag flag, Serve serve, Reason singleReason, String ruleId) {
        if (serve instanceof Serve.Single single) {
            return new Outcome.Fixed(served(flag, single.variation(), singleReason, ruleId, false));
        }
        Serve.Split split = (Serve.Split) serve;
        List<Serve.Allocation> allocations = split.allocations();
        int[] bounds = new int[allocations.size()];
        EvaluationResult[] results = new EvaluationResult[allocations.size()];
        int upper = 0;
        for (int i = 0; i < bounds.length; i++) {
            Serve.Allocation allocation = allocations.get(i);
            upper += allocation.buckets();
            bounds[i] = upper;
            results[i] = served(flag, allocation.variation(), Reason.SPLIT, ruleId, split.experiment());
        }
        EvaluationResult keyMissing = EvaluationResult.error(
                ErrorCode.TARGETING_KEY_MISSING,
                "flag '" + flag.key() + "' splits by targeting key and the context has no targetingKey");
        return new Outcome.Split(bounds, results, keyMissing);
    }

    private static EvaluationResult served(
            Flag flag, String variation, Reason reason, String ruleId, boolean inExperiment) {
        return EvaluationResult.served(variation, flag.variations().get(variation), reason, ruleId, inExperiment);
    }

    /** One environment's targeting, compiled. */
    private static final class Environment {
        private final boolean enabled;
        private final EvaluationResult off;
        private final Map<String, EvaluationResult> targets;
        private final CompiledRule[] tests;
        private final Outcome[] outcomes;
        private final Outcome fallthrough;

        Environment(
                boolean enabled,
                EvaluationResult off,
                Map<String, EvaluationResult> targets,
                CompiledRule[] tests,
                Outcome[] outcomes,
                Outcome fallthrough) {
            this.enabled = enabled;
            this.off = off;
            this.targets = targets;
            this.tests = tests;
            this.outcomes = outcomes;
            this.fallthrough = fallthrough;
        }

        EvaluationResult evaluate(EvaluationContext context, String salt) {
            if (!enabled) {
                return off;
            }
            if (context.problemOrNull() != null) {
                return EvaluationResult.error(ErrorCode.INVALID_CONTEXT, context.problemOrNull());
            }
            String key = context.targetingKeyOrNull();
            if (key != null) {
                EvaluationResult target = targets.get(key);
                if (target != null) {
                    return target;
                }
            }
            for (int i = 0; i < tests.length; i++) {
                if (tests[i].test(context)) {
                    return outcomes[i].serve(key, salt);
                }
            }
            return fallthrough.serve(key, salt);
        }
    }
}
