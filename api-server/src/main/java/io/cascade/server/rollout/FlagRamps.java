package io.cascade.server.rollout;

import io.cascade.server.error.CascadeException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flag ramp's flag at a stage: the flag as it was before, with the environment's fallthrough
 * split between the ramped variation (first, so raising its weight keeps every key it had) and the
 * variation the fallthrough served before; at 100 %, the ramped variation alone.
 */
final class FlagRamps {

    private FlagRamps() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> ramped(Map<String, Object> before, RolloutPlan.FlagRamp ramp, double percent) {
        if (!(before.get("variations") instanceof Map<?, ?> variations) || !variations.containsKey(ramp.variation())) {
            throw CascadeException.badInput("flag '" + ramp.flag() + "' has no variation '" + ramp.variation() + "'");
        }
        if (!(before.get("environments") instanceof Map<?, ?> environments)
                || !(environments.get(ramp.environment()) instanceof Map<?, ?> block)) {
            throw CascadeException.badInput(
                    "flag '" + ramp.flag() + "' has no environment '" + ramp.environment() + "' to ramp");
        }
        String from = block.get("fallthrough") instanceof Map<?, ?> fallthrough
                        && fallthrough.get("serve") instanceof String serve
                ? serve
                : null;
        if (from == null) {
            throw CascadeException.badInput("flag '" + ramp.flag() + "' in '" + ramp.environment()
                    + "' must serve one variation in its fallthrough before a ramp (not a split)");
        }
        if (from.equals(ramp.variation())) {
            throw CascadeException.badInput("flag '" + ramp.flag() + "' already serves '" + ramp.variation()
                    + "' in its fallthrough in '" + ramp.environment() + "'");
        }
        Map<String, Object> fallthrough = new LinkedHashMap<>();
        if (percent >= 100) {
            fallthrough.put("serve", ramp.variation());
        } else {
            BigDecimal weight = BigDecimal.valueOf(percent).stripTrailingZeros();
            fallthrough.put(
                    "split",
                    List.of(
                            Map.of("serve", ramp.variation(), "weight", number(weight)),
                            Map.of(
                                    "serve",
                                    from,
                                    "weight",
                                    number(BigDecimal.valueOf(100).subtract(weight)))));
        }
        Map<String, Object> newBlock = new LinkedHashMap<>((Map<String, Object>) block);
        newBlock.put("fallthrough", fallthrough);
        Map<String, Object> newEnvironments = new LinkedHashMap<>((Map<String, Object>) environments);
        newEnvironments.put(ramp.environment(), newBlock);
        Map<String, Object> document = new LinkedHashMap<>(before);
        document.put("environments", newEnvironments);
        return document;
    }

    private static Number number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? (Number) stripped.intValueExact() : (Number) stripped.doubleValue();
    }
}
