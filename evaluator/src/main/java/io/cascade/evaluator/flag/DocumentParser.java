package io.cascade.evaluator.flag;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The one place where flag and segment documents become model records. Reports every problem it
 * finds (not only the first) with its JSON Pointer, and builds records only from a clean document.
 * One instance reads one document.
 */
final class DocumentParser {

    private static final Set<String> FLAG_FIELDS = Set.of(
            "key",
            "type",
            "variations",
            "environments",
            "salt",
            "description",
            "tags",
            "owner",
            "temporary",
            "archived");
    private static final Set<String> ENVIRONMENT_FIELDS =
            Set.of("enabled", "offVariation", "targets", "rules", "fallthrough");
    private static final Set<String> RULE_FIELDS = Set.of("id", "when", "serve", "split", "experiment");
    private static final Set<String> FALLTHROUGH_FIELDS = Set.of("serve", "split", "experiment");
    private static final Set<String> ALLOCATION_FIELDS = Set.of("serve", "weight");
    private static final Set<String> SEGMENT_FIELDS = Set.of("key", "included", "excluded", "when", "description");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<ValidationProblem> problems = new ArrayList<>();

    Parsed<Flag> flag(Object document) {
        Map<String, Object> doc = object(document, "");
        if (doc == null) {
            return failed();
        }
        unknownFields(doc, "", FLAG_FIELDS);
        String key = key(doc, "flag");
        FlagType type = flagType(doc);
        Map<String, Object> variations = variations(doc, type);
        Set<String> variationNames = variations == null ? null : variations.keySet();
        String salt = salt(doc, key);
        FlagMetadata metadata = metadata(doc);
        Map<String, FlagEnvironment> environments = environments(doc, variationNames);
        if (!problems.isEmpty()) {
            return failed();
        }
        return built(() -> new Flag(key, type, variations, salt, metadata, environments));
    }

    Parsed<Segment> segment(Object document) {
        Map<String, Object> doc = object(document, "");
        if (doc == null) {
            return failed();
        }
        unknownFields(doc, "", SEGMENT_FIELDS);
        String key = key(doc, "segment");
        Set<String> included = keySet(doc, "", "included");
        Set<String> excluded = keySet(doc, "", "excluded");
        String when = condition(doc, "", false);
        String description = string(doc, "", "description", false);
        if (!problems.isEmpty()) {
            return failed();
        }
        return built(() -> new Segment(
                key, included, excluded, Optional.ofNullable(when), description == null ? "" : description));
    }

    private <T> Parsed<T> failed() {
        return new Parsed<>(Optional.empty(), problems);
    }

    private <T> Parsed<T> built(Supplier<T> constructor) {
        try {
            return new Parsed<>(Optional.of(constructor.get()), List.of());
        } catch (IllegalArgumentException | NullPointerException e) {
            problem("", ProblemCode.INVALID_VALUE, String.valueOf(e.getMessage()));
            return failed();
        }
    }

    // ---- flag parts

    private String key(Map<String, Object> doc, String what) {
        String key = string(doc, "", "key", true);
        if (key == null) {
            return null;
        }
        if (!Names.isKey(key)) {
            problem("/key", ProblemCode.INVALID_NAME, what + " key '" + key + "' must match " + Names.keyRule());
            return null;
        }
        return key;
    }

    private FlagType flagType(Map<String, Object> doc) {
        String name = string(doc, "", "type", true);
        if (name == null) {
            return null;
        }
        Optional<FlagType> type = FlagType.fromJsonName(name);
        if (type.isEmpty()) {
            problem(
                    "/type",
                    ProblemCode.INVALID_VALUE,
                    "unknown flag type '" + name + "', expected boolean, string, number or json");
            return null;
        }
        return type.get();
    }

    private Map<String, Object> variations(Map<String, Object> doc, FlagType type) {
        Map<String, Object> variations = object(doc, "", "variations", true);
        if (variations == null) {
            return null;
        }
        if (variations.isEmpty()) {
            problem("/variations", ProblemCode.INVALID_VALUE, "a flag needs at least one variation");
        }
        variations.forEach((name, value) -> checkVariation(Pointer.child("/variations", name), name, value, type));
        return variations;
    }

    private void checkVariation(String path, String name, Object value, FlagType type) {
        if (!Names.isId(name)) {
            problem(path, ProblemCode.INVALID_NAME, "variation name '" + name + "' must match " + Names.idRule());
        }
        if (value == null) {
            problem(path, ProblemCode.INVALID_VALUE, "variation '" + name + "' has no value (null)");
            return;
        }
        if (type != null && !type.accepts(value)) {
            problem(
                    path,
                    ProblemCode.VARIATION_TYPE_MISMATCH,
                    "variation '" + name + "' is " + describe(value) + " but the flag type is " + type.jsonName());
        }
    }

    private String salt(Map<String, Object> doc, String key) {
        String salt = string(doc, "", "salt", false);
        if (salt == null) {
            return key;
        }
        if (salt.isEmpty()) {
            problem("/salt", ProblemCode.INVALID_VALUE, "salt must not be empty; leave it out to use the flag key");
        }
        return salt;
    }

    private FlagMetadata metadata(Map<String, Object> doc) {
        String description = string(doc, "", "description", false);
        List<String> tags = strings(doc, "", "tags");
        String owner = string(doc, "", "owner", false);
        Boolean temporary = bool(doc, "", "temporary", false);
        Boolean archived = bool(doc, "", "archived", false);
        return new FlagMetadata(
                description == null ? "" : description,
                tags == null ? List.of() : tags,
                owner == null ? "" : owner,
                Boolean.TRUE.equals(temporary),
                Boolean.TRUE.equals(archived));
    }

    private Map<String, FlagEnvironment> environments(Map<String, Object> doc, Set<String> variations) {
        Map<String, Object> environments = object(doc, "", "environments", false);
        Map<String, FlagEnvironment> result = new LinkedHashMap<>();
        if (environments == null) {
            return result;
        }
        environments.forEach((name, value) -> {
            String path = Pointer.child("/environments", name);
            if (!Names.isEnvironment(name)) {
                problem(
                        path,
                        ProblemCode.INVALID_NAME,
                        "environment name '" + name
                                + "' must be 1-128 characters without '*', control or bidi characters");
            }
            FlagEnvironment environment = environment(value, path, variations);
            if (environment != null) {
                result.put(name, environment);
            }
        });
        return result;
    }

    private FlagEnvironment environment(Object value, String path, Set<String> variations) {
        Map<String, Object> env = object(value, path);
        if (env == null) {
            return null;
        }
        int before = problems.size();
        unknownFields(env, path, ENVIRONMENT_FIELDS);
        Boolean enabled = bool(env, path, "enabled", true);
        String offVariation = string(env, path, "offVariation", true);
        if (offVariation != null) {
            variationReference(offVariation, path + "/offVariation", variations);
        }
        Map<String, List<String>> targets = targets(env, path, variations);
        List<Rule> rules = rules(env, path, variations);
        Serve fallthrough = null;
        Map<String, Object> fallthroughDoc = object(env, path, "fallthrough", true);
        if (fallthroughDoc != null) {
            unknownFields(fallthroughDoc, path + "/fallthrough", FALLTHROUGH_FIELDS);
            fallthrough = serve(fallthroughDoc, path + "/fallthrough", variations);
        }
        if (problems.size() > before) {
            return null;
        }
        return new FlagEnvironment(enabled, offVariation, targets, rules, fallthrough);
    }

    private Map<String, List<String>> targets(Map<String, Object> env, String envPath, Set<String> variations) {
        Map<String, Object> targets = object(env, envPath, "targets", false);
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (targets == null) {
            return result;
        }
        String path = envPath + "/targets";
        Map<String, String> variationOfKey = new HashMap<>();
        targets.forEach((variation, keys) -> {
            String variationPath = Pointer.child(path, variation);
            variationReference(variation, variationPath, variations);
            List<String> list = keyList(keys, variationPath);
            if (list == null) {
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                String previous = variationOfKey.putIfAbsent(list.get(i), variation);
                if (previous != null && !previous.equals(variation)) {
                    problem(
                            Pointer.child(variationPath, i),
                            ProblemCode.DUPLICATE_TARGET,
                            "key '" + list.get(i) + "' is already a target of variation '" + previous + "'");
                }
            }
            result.put(variation, list);
        });
        return result;
    }

    private List<Rule> rules(Map<String, Object> env, String envPath, Set<String> variations) {
        List<Object> rules = list(env, envPath, "rules", false);
        List<Rule> result = new ArrayList<>();
        if (rules == null) {
            return result;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String path = Pointer.child(envPath + "/rules", i);
            Rule rule = rule(rules.get(i), path, variations);
            if (rule == null) {
                continue;
            }
            if (!ids.add(rule.id())) {
                problem(
                        path + "/id",
                        ProblemCode.DUPLICATE_RULE_ID,
                        "rule id '" + rule.id() + "' is used by an earlier rule of this environment");
                continue;
            }
            result.add(rule);
        }
        return result;
    }

    private Rule rule(Object value, String path, Set<String> variations) {
        Map<String, Object> rule = object(value, path);
        if (rule == null) {
            return null;
        }
        int before = problems.size();
        unknownFields(rule, path, RULE_FIELDS);
        String id = string(rule, path, "id", true);
        if (id != null && !Names.isId(id)) {
            problem(path + "/id", ProblemCode.INVALID_NAME, "rule id '" + id + "' must match " + Names.idRule());
        }
        String when = condition(rule, path, true);
        Serve serve = serve(rule, path, variations);
        if (problems.size() > before) {
            return null;
        }
        return new Rule(id, when, serve);
    }

    private String condition(Map<String, Object> doc, String path, boolean required) {
        String when = string(doc, path, "when", required);
        if (when != null && when.isBlank()) {
            problem(path + "/when", ProblemCode.INVALID_VALUE, "the condition is empty");
            return null;
        }
        return when;
    }

    private Serve serve(Map<String, Object> doc, String path, Set<String> variations) {
        boolean hasServe = doc.get("serve") != null;
        boolean hasSplit = doc.get("split") != null;
        if (hasServe && hasSplit) {
            problem(path, ProblemCode.INVALID_SERVE, "give either serve (one variation) or split, not both");
            return null;
        }
        if (!hasServe && !hasSplit) {
            problem(
                    path + "/serve",
                    ProblemCode.MISSING_FIELD,
                    "needs serve (one variation) or split (weighted variations)");
            return null;
        }
        Boolean experiment = bool(doc, path, "experiment", false);
        if (hasServe) {
            if (experiment != null) {
                problem(path + "/experiment", ProblemCode.INVALID_SERVE, "experiment applies to a split only");
            }
            String variation = string(doc, path, "serve", true);
            if (variation == null || !variationReference(variation, path + "/serve", variations)) {
                return null;
            }
            return new Serve.Single(variation);
        }
        List<Serve.Allocation> allocations = split(doc, path, variations);
        if (allocations == null) {
            return null;
        }
        return new Serve.Split(allocations, Boolean.TRUE.equals(experiment));
    }

    private List<Serve.Allocation> split(Map<String, Object> doc, String parentPath, Set<String> variations) {
        String path = parentPath + "/split";
        List<Object> entries = list(doc, parentPath, "split", true);
        if (entries == null) {
            return null;
        }
        if (entries.isEmpty()) {
            problem(path, ProblemCode.INVALID_VALUE, "a split needs at least one entry");
            return null;
        }
        int before = problems.size();
        List<Serve.Allocation> allocations = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            Serve.Allocation allocation = allocation(entries.get(i), Pointer.child(path, i), variations);
            if (allocation != null) {
                allocations.add(allocation);
                sum = sum.add(allocation.weight());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        if (sum.compareTo(HUNDRED) != 0) {
            problem(
                    path,
                    ProblemCode.WEIGHTS_NOT_100,
                    "split weights add up to " + sum.stripTrailingZeros().toPlainString() + ", expected exactly 100");
            return null;
        }
        return allocations;
    }

    private Serve.Allocation allocation(Object value, String path, Set<String> variations) {
        Map<String, Object> entry = object(value, path);
        if (entry == null) {
            return null;
        }
        unknownFields(entry, path, ALLOCATION_FIELDS);
        String variation = string(entry, path, "serve", true);
        boolean known = variation != null && variationReference(variation, path + "/serve", variations);
        BigDecimal weight = weight(entry, path);
        if (!known || weight == null) {
            return null;
        }
        return new Serve.Allocation(variation, weight);
    }

    private BigDecimal weight(Map<String, Object> entry, String path) {
        Object value = member(entry, path, "weight", true);
        if (value == null) {
            return null;
        }
        String weightPath = path + "/weight";
        if (!FlagType.isNumber(value)) {
            problem(weightPath, ProblemCode.WRONG_TYPE, "weight must be a number, got " + describe(value));
            return null;
        }
        BigDecimal weight = toBigDecimal((Number) value);
        if (!Serve.isValidWeight(weight)) {
            problem(
                    weightPath,
                    ProblemCode.INVALID_WEIGHT,
                    "weight " + weight.toPlainString() + " must be a percentage from 0 to 100 with at most 3 decimals");
            return null;
        }
        return weight;
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(Double.toString(n.doubleValue()));
        }
        return BigDecimal.valueOf(n.longValue());
    }

    private boolean variationReference(String name, String path, Set<String> variations) {
        if (variations == null || variations.contains(name)) {
            return true;
        }
        problem(
                path,
                ProblemCode.UNKNOWN_VARIATION,
                "unknown variation '" + name + "'; the flag defines " + variations);
        return false;
    }

    // ---- segment parts

    private Set<String> keySet(Map<String, Object> doc, String path, String field) {
        Object value = member(doc, path, field, false);
        if (value == null) {
            return Set.of();
        }
        List<String> keys = keyList(value, path + "/" + field);
        return keys == null ? Set.of() : new HashSet<>(keys);
    }

    private List<String> keyList(Object value, String path) {
        if (!(value instanceof List<?> list)) {
            problem(path, ProblemCode.WRONG_TYPE, "expected an array of keys, got " + describe(value));
            return null;
        }
        List<String> keys = new ArrayList<>(list.size());
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String key)) {
                problem(Pointer.child(path, i), ProblemCode.WRONG_TYPE, "expected a string key, got " + describe(item));
                ok = false;
                continue;
            }
            if (key.isEmpty()) {
                problem(Pointer.child(path, i), ProblemCode.INVALID_VALUE, "a key must not be empty");
                ok = false;
                continue;
            }
            keys.add(key);
        }
        return ok ? keys : null;
    }

    // ---- generic members

    private void unknownFields(Map<String, Object> doc, String path, Set<String> allowed) {
        for (String field : doc.keySet()) {
            if (!allowed.contains(field)) {
                problem(
                        Pointer.child(path, field),
                        ProblemCode.UNKNOWN_FIELD,
                        "unknown member '" + field + "'; expected one of " + new TreeSet<>(allowed));
            }
        }
    }

    /** The member's value; {@code null} when absent or JSON null (reported when required). */
    private Object member(Map<String, Object> doc, String path, String field, boolean required) {
        Object value = doc.get(field);
        if (value == null && required) {
            problem(Pointer.child(path, field), ProblemCode.MISSING_FIELD, "'" + field + "' is required");
        }
        return value;
    }

    private String string(Map<String, Object> doc, String path, String field, boolean required) {
        Object value = member(doc, path, field, required);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        problem(
                Pointer.child(path, field),
                ProblemCode.WRONG_TYPE,
                "'" + field + "' must be a string, got " + describe(value));
        return null;
    }

    private Boolean bool(Map<String, Object> doc, String path, String field, boolean required) {
        Object value = member(doc, path, field, required);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        problem(
                Pointer.child(path, field),
                ProblemCode.WRONG_TYPE,
                "'" + field + "' must be true or false, got " + describe(value));
        return null;
    }

    private List<Object> list(Map<String, Object> doc, String path, String field, boolean required) {
        Object value = member(doc, path, field, required);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        problem(
                Pointer.child(path, field),
                ProblemCode.WRONG_TYPE,
                "'" + field + "' must be an array, got " + describe(value));
        return null;
    }

    private List<String> strings(Map<String, Object> doc, String path, String field) {
        List<Object> list = list(doc, path, field, false);
        if (list == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                strings.add(s);
            } else {
                problem(
                        Pointer.child(path + "/" + field, i),
                        ProblemCode.WRONG_TYPE,
                        "expected a string, got " + describe(list.get(i)));
            }
        }
        return strings;
    }

    private Map<String, Object> object(Map<String, Object> doc, String path, String field, boolean required) {
        Object value = member(doc, path, field, required);
        return value == null ? null : object(value, Pointer.child(path, field));
    }

    private Map<String, Object> object(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            problem(path, ProblemCode.WRONG_TYPE, "expected an object, got " + describe(value));
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                problem(path, ProblemCode.WRONG_TYPE, "object member names must be strings");
                return null;
            }
            copy.put(key, entry.getValue());
        }
        return copy;
    }

    private static String describe(Object value) {
        String type = JsonValues.typeName(value);
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            String text = String.valueOf(value);
            if (text.length() > 40) {
                text = text.substring(0, 40) + "...";
            }
            return type + " " + (value instanceof String ? "'" + text + "'" : text);
        }
        if (value == null) {
            return "null";
        }
        return value instanceof Map || value instanceof List ? "an " + type : type;
    }

    private void problem(String path, ProblemCode code, String message) {
        problems.add(new ValidationProblem(path, code, message));
    }
}
