package io.cascade.gateway.api;

import io.cascade.evaluator.config.Scope;
import io.cascade.rules.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Subscription arguments checked as the server checks them: scopes and host ids. All static. */
final class Scopes {

    private static final int MAX_VALUE_LENGTH = Names.MAX_DIMENSION_VALUE_LENGTH;

    private Scopes() {}

    /** The scope's members, each a dimension of the namespace with a valid value. */
    static Map<String, String> members(Object json, List<String> dimensions) {
        if (!(json instanceof Map<?, ?> object)) {
            throw GatewayException.badInput("scope must be a JSON object keyed by dimension " + dimensions);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String dimension = String.valueOf(entry.getKey());
            if (!dimensions.contains(dimension)) {
                throw GatewayException.badInput(
                        "scope names '" + dimension + "', which is not a dimension of this namespace " + dimensions);
            }
            if (!(entry.getValue() instanceof String value) || !Names.isDimensionValue(value)) {
                throw GatewayException.badInput("scope value of '" + dimension + "' must be a string of 1-"
                        + MAX_VALUE_LENGTH + " characters without '*', control or bidi characters");
            }
            out.put(dimension, value);
        }
        return out;
    }

    /**
     * The scope a flag subscriber runs with, for rollout cohorts ({@code sites} reads its {@code site}):
     * {@code {"environment": environment}} when it gave none, else its scope, which must name that
     * environment or none (it is then added).
     */
    static Map<String, String> hostScope(Object json, String environment, List<String> dimensions) {
        if (json == null) {
            return Map.of("environment", environment);
        }
        Map<String, String> members = members(json, dimensions);
        String named = members.get("environment");
        if (named != null && !named.equals(environment)) {
            throw GatewayException.badInput(
                    "scope names environment '" + named + "' but the subscription is for '" + environment + "'");
        }
        Map<String, String> out = new LinkedHashMap<>(members);
        out.put("environment", environment);
        return out;
    }

    static Scope scope(Map<String, String> members, List<String> dimensions) {
        List<String> values = new ArrayList<>(dimensions.size());
        for (String dimension : dimensions) {
            values.add(members.get(dimension));
        }
        return new Scope(values);
    }

    static String hostId(String hostId) {
        if (hostId != null && !Names.isHostId(hostId)) {
            throw GatewayException.badInput("hostId must be 1-128 characters of [A-Za-z0-9._:-]");
        }
        return hostId;
    }
}
