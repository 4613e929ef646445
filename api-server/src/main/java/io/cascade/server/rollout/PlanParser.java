package io.cascade.server.rollout;

import io.cascade.evaluator.rollout.Cohort;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place a plan's JSON becomes a {@link RolloutPlan}: every field checked, every problem
 * answered with {@code BAD_USER_INPUT} naming the field, nothing else accepted.
 */
final class PlanParser {

    static final int MAX_STAGES = 20;
    static final int MAX_GATES = 10;
    static final long MAX_BAKE_SECONDS = 7 * 24 * 3600;
    private static final Set<String> CONFIG_FIELDS =
            Set.of("stages", "gates", "abortOnAlert", "rollbackWindowSeconds", "description");
    private static final Set<String> FLAG_FIELDS = Set.of(
            "flag",
            "environment",
            "variation",
            "stages",
            "gates",
            "abortOnAlert",
            "rollbackWindowSeconds",
            "description");
    private static final Set<String> METRICS = Set.of("errorRate", "latencyP99Ms");

    private PlanParser() {}

    static RolloutPlan parse(Object json) {
        Map<String, Object> plan = object("plan", json);
        boolean flag = plan.containsKey("flag");
        unknownFields("plan", plan, flag ? FLAG_FIELDS : CONFIG_FIELDS);
        List<RolloutPlan.Stage> stages = stages(plan.get("stages"), flag);
        List<RolloutPlan.Gate> gates = gates(plan.get("gates"));
        Map<String, String> alert = labels(plan.get("abortOnAlert"));
        long window = wholeNumber("plan.rollbackWindowSeconds", plan.get("rollbackWindowSeconds"), 0, 30L * 24 * 3600);
        RolloutPlan.FlagRamp ramp = null;
        if (flag) {
            ramp = new RolloutPlan.FlagRamp(
                    name("plan.flag", plan.get("flag")),
                    text("plan.environment", plan.get("environment")),
                    text("plan.variation", plan.get("variation")));
        }
        return new RolloutPlan(
                flag ? RolloutPlan.Kind.FLAG : RolloutPlan.Kind.CONFIG, stages, gates, alert, window, ramp);
    }

    private static List<RolloutPlan.Stage> stages(Object json, boolean flag) {
        if (!(json instanceof List<?> list) || list.isEmpty()) {
            throw bad("plan.stages must be a non-empty list");
        }
        if (list.size() > MAX_STAGES) {
            throw CascadeException.limit(
                    "rolloutStages", MAX_STAGES, "plan has " + list.size() + " stages, more than " + MAX_STAGES);
        }
        List<RolloutPlan.Stage> stages = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        double lastPercent = -1;
        for (int i = 0; i < list.size(); i++) {
            String where = "plan.stages[" + i + "]";
            Map<String, Object> stage = object(where, list.get(i));
            long bake = wholeNumber(where + ".bakeSeconds", stage.get("bakeSeconds"), 0, MAX_BAKE_SECONDS);
            String name = stage.get("name") == null ? "stage-" + (i + 1) : name(where + ".name", stage.get("name"));
            if (!names.add(name)) {
                throw bad(where + ".name '" + name + "' is used by an earlier stage");
            }
            if (flag) {
                unknownFields(where, stage, Set.of("name", "percent", "bakeSeconds"));
                double percent = percent(where + ".percent", stage.get("percent"));
                if (percent <= lastPercent) {
                    throw bad(where + ".percent must be larger than the stage before's (" + lastPercent + ")");
                }
                lastPercent = percent;
                stages.add(new RolloutPlan.Stage(name, null, percent, bake));
            } else {
                unknownFields(where, stage, Set.of("name", "hosts", "bakeSeconds"));
                stages.add(new RolloutPlan.Stage(name, cohort(where + ".hosts", stage.get("hosts")), null, bake));
            }
        }
        return stages;
    }

    private static Cohort cohort(String where, Object json) {
        Map<String, Object> hosts = object(where, json);
        if (hosts.size() != 1) {
            throw bad(where + " must have exactly one of sites, percent, segment, all");
        }
        Map.Entry<String, Object> only = hosts.entrySet().iterator().next();
        switch (only.getKey()) {
            case "sites":
                if (!(only.getValue() instanceof List<?> sites) || sites.isEmpty() || sites.size() > 1000) {
                    throw bad(where + ".sites must be a list of 1 to 1000 site names");
                }
                Set<String> values = new LinkedHashSet<>();
                for (Object site : sites) {
                    if (!(site instanceof String value)
                            || value.isEmpty()
                            || value.length() > 128
                            || value.contains("*")
                            || !Names.isPrintable(value, false)) {
                        throw bad(where + ".sites holds an invalid site name");
                    }
                    values.add(value);
                }
                return new Cohort.Sites(values);
            case "percent":
                return new Cohort.Percent(percent(where + ".percent", only.getValue()));
            case "segment":
                return new Cohort.InSegment(name(where + ".segment", only.getValue()));
            case "all":
                if (!Boolean.TRUE.equals(only.getValue())) {
                    throw bad(where + ".all must be true");
                }
                return new Cohort.Everyone();
            default:
                throw bad(
                        where + " has unknown field '" + only.getKey() + "'; expected sites, percent, segment or all");
        }
    }

    private static List<RolloutPlan.Gate> gates(Object json) {
        if (json == null) {
            return List.of();
        }
        if (!(json instanceof List<?> list)) {
            throw bad("plan.gates must be a list");
        }
        if (list.size() > MAX_GATES) {
            throw CascadeException.limit(
                    "rolloutGates", MAX_GATES, "plan has " + list.size() + " gates, more than " + MAX_GATES);
        }
        List<RolloutPlan.Gate> gates = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "plan.gates[" + i + "]";
            Map<String, Object> gate = object(where, list.get(i));
            unknownFields(where, gate, Set.of("metric", "max", "maxRatioToBase", "minRequests"));
            if (!(gate.get("metric") instanceof String metric) || !METRICS.contains(metric)) {
                throw bad(where + ".metric must be errorRate or latencyP99Ms");
            }
            Double max = positive(where + ".max", gate.get("max"));
            Double ratio = positive(where + ".maxRatioToBase", gate.get("maxRatioToBase"));
            if (max == null && ratio == null) {
                throw bad(where + " needs max or maxRatioToBase");
            }
            long minRequests = wholeNumber(where + ".minRequests", gate.get("minRequests"), 0, Long.MAX_VALUE / 2);
            gates.add(new RolloutPlan.Gate(metric, max, ratio, minRequests));
        }
        return gates;
    }

    private static Map<String, String> labels(Object json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, Object> labels = object("plan.abortOnAlert", json);
        if (labels.isEmpty() || labels.size() > 20) {
            throw bad("plan.abortOnAlert must have 1 to 20 labels");
        }
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128 || !(value instanceof String text) || text.length() > 1024) {
                throw bad("plan.abortOnAlert must map label names to string values");
            }
            out.put(key, text);
        });
        return out;
    }

    private static double percent(String where, Object json) {
        if (!(json instanceof Number number)
                || !(number.doubleValue() > 0)
                || number.doubleValue() > 100
                || Math.abs(number.doubleValue() * 1000 - Math.rint(number.doubleValue() * 1000)) > 1e-6) {
            throw bad(where + " must be a number above 0 and at most 100, with at most three decimals");
        }
        return number.doubleValue();
    }

    private static Double positive(String where, Object json) {
        if (json == null) {
            return null;
        }
        if (!(json instanceof Number number)
                || !(number.doubleValue() >= 0)
                || Double.isInfinite(number.doubleValue())) {
            throw bad(where + " must be a number, 0 or more");
        }
        return number.doubleValue();
    }

    private static long wholeNumber(String where, Object json, long min, long max) {
        if (json == null) {
            return 0;
        }
        if (!(json instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < min
                || number.doubleValue() > max) {
            throw bad(where + " must be a whole number from " + min + " to " + max);
        }
        return number.longValue();
    }

    private static String name(String where, Object json) {
        if (!(json instanceof String name) || !Names.isName(name)) {
            throw bad(where + " must match [a-z0-9][a-z0-9._-]{0,62}");
        }
        return name;
    }

    private static String text(String where, Object json) {
        if (!(json instanceof String value)
                || value.isEmpty()
                || value.length() > 128
                || !Names.isPrintable(value, false)) {
            throw bad(where + " must be a string of 1 to 128 printable characters");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String where, Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw bad(where + " must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    private static void unknownFields(String where, Map<String, Object> object, Set<String> known) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw bad(where + " has unknown field '" + key + "'");
            }
        }
    }

    private static CascadeException bad(String message) {
        return CascadeException.badInput(message);
    }
}
