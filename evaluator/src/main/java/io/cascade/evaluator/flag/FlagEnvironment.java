package io.cascade.evaluator.flag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A flag's targeting in one environment.
 *
 * @param enabled whether targeting is on; when off, {@code offVariation} is served
 * @param offVariation served while the environment is off
 * @param targets variation name to the targeting keys that get it, in document order
 * @param rules tested in order; the first whose condition holds decides
 * @param fallthrough served when no target or rule matched
 */
public record FlagEnvironment(
        boolean enabled, String offVariation, Map<String, List<String>> targets, List<Rule> rules, Serve fallthrough) {

    public FlagEnvironment {
        Objects.requireNonNull(offVariation, "offVariation");
        targets = copyTargets(targets);
        rules = List.copyOf(rules);
        Objects.requireNonNull(fallthrough, "fallthrough");
        requireUniqueRuleIds(rules);
    }

    private static Map<String, List<String>> copyTargets(Map<String, List<String>> targets) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        targets.forEach((variation, keys) -> copy.put(Objects.requireNonNull(variation), List.copyOf(keys)));
        return Collections.unmodifiableMap(copy);
    }

    private static void requireUniqueRuleIds(List<Rule> rules) {
        Set<String> seen = new HashSet<>();
        for (Rule rule : rules) {
            if (!seen.add(rule.id())) {
                throw new IllegalArgumentException("duplicate rule id '" + rule.id() + "'");
            }
        }
    }

    /** Every variation name this environment refers to. */
    List<String> referencedVariations() {
        List<String> names = new ArrayList<>();
        names.add(offVariation);
        names.addAll(targets.keySet());
        rules.forEach(rule -> addServed(names, rule.serve()));
        addServed(names, fallthrough);
        return names;
    }

    private static void addServed(List<String> names, Serve serve) {
        if (serve instanceof Serve.Single single) {
            names.add(single.variation());
            return;
        }
        ((Serve.Split) serve).allocations().forEach(a -> names.add(a.variation()));
    }
}
