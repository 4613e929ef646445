package io.cascade.evaluator.flag;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.AttributeSchema;
import io.cascade.rules.CompileResult;
import io.cascade.rules.CompiledRule;
import io.cascade.rules.Diagnostic;
import io.cascade.rules.RuleCompiler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns flag and segment documents into a {@link FlagSet}: reads each document, compiles every
 * condition, checks segment references and cycles. One instance compiles one set.
 */
final class FlagSetCompiler {

    private final AttributeLayout.Builder layout = AttributeLayout.builder();
    private final RuleCompiler.Builder rules;
    private final List<ValidationProblem> problems = new ArrayList<>();
    private final Map<String, Integer> declaredSegments = new HashMap<>();
    private final Map<String, CompiledSegment> candidates = new LinkedHashMap<>();
    private final Map<String, String> segmentPaths = new HashMap<>();
    private final Map<String, Boolean> usable = new HashMap<>();

    FlagSetCompiler(AttributeSchema attributes) {
        this.rules = RuleCompiler.builder().attributeSchema(attributes).layout(layout);
    }

    FlagSetResult compile(List<?> flagDocuments, List<?> segmentDocuments) {
        readSegments(segmentDocuments);
        Map<String, CompiledSegment> segments = usableSegments();
        Map<String, CompiledFlag> flags = compileFlags(flagDocuments, segments);
        return new FlagSetResult(new FlagSet(flags, segments, layout.build()), problems);
    }

    // ---- segments

    private void readSegments(List<?> documents) {
        for (int i = 0; i < documents.size(); i++) {
            String prefix = "/segments/" + i;
            Object document = documents.get(i);
            String key = rawKey(document);
            if (key != null && declaredSegments.containsKey(key)) {
                problem(
                        prefix + "/key",
                        ProblemCode.DUPLICATE_KEY,
                        "segment '" + key + "' is already defined by /segments/" + declaredSegments.get(key));
                continue;
            }
            if (key != null) {
                declaredSegments.put(key, i);
            }
            Parsed<Segment> parsed = FlagDocuments.parseSegment(document);
            parsed.problems().forEach(p -> problems.add(p.under(prefix)));
            if (parsed.ok()) {
                readSegment(parsed.value().get(), prefix);
            }
        }
    }

    private void readSegment(Segment segment, String prefix) {
        CompiledRule when = null;
        if (segment.when().isPresent()) {
            when = compileCondition(segment.when().get(), segment.key(), prefix + "/when");
            if (when == null) {
                return;
            }
        }
        candidates.put(segment.key(), new CompiledSegment(segment, when, layout));
        segmentPaths.put(segment.key(), prefix + "/when");
    }

    private Map<String, CompiledSegment> usableSegments() {
        for (Map.Entry<String, CompiledSegment> entry : candidates.entrySet()) {
            reportUnknownSegments(entry.getValue().references(), segmentPaths.get(entry.getKey()));
        }
        for (String key : candidates.keySet()) {
            List<String> cycle = cycleThrough(key);
            if (cycle != null) {
                problem(
                        segmentPaths.get(key),
                        ProblemCode.SEGMENT_CYCLE,
                        "segment '" + key + "' refers to itself: " + String.join(" -> ", cycle));
                usable.put(key, false);
            }
        }
        Map<String, CompiledSegment> result = new HashMap<>();
        for (Map.Entry<String, CompiledSegment> entry : candidates.entrySet()) {
            if (isUsable(entry.getKey())) {
                result.put(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    private List<String> cycleThrough(String start) {
        Deque<String> path = new ArrayDeque<>();
        if (!reaches(start, start, path, new HashSet<>())) {
            return null;
        }
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
    }

    private boolean reaches(String current, String target, Deque<String> path, Set<String> visited) {
        path.addLast(current);
        for (String next : candidates.get(current).references()) {
            if (next.equals(target)) {
                return true;
            }
            if (candidates.containsKey(next) && visited.add(next) && reaches(next, target, path, visited)) {
                return true;
            }
        }
        path.removeLast();
        return false;
    }

    private boolean isUsable(String key) {
        Boolean known = usable.get(key);
        if (known != null) {
            return known;
        }
        CompiledSegment segment = candidates.get(key);
        if (segment == null) {
            return false;
        }
        usable.put(key, false);
        for (String reference : segment.references()) {
            if (!isUsable(reference)) {
                return false;
            }
        }
        usable.put(key, true);
        return true;
    }

    // ---- flags

    private Map<String, CompiledFlag> compileFlags(List<?> documents, Map<String, CompiledSegment> segments) {
        Map<String, CompiledFlag> flags = new LinkedHashMap<>();
        Map<String, Integer> indexOfKey = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            String prefix = "/flags/" + i;
            Object document = documents.get(i);
            String key = rawKey(document);
            if (key != null && indexOfKey.containsKey(key)) {
                problem(
                        prefix + "/key",
                        ProblemCode.DUPLICATE_KEY,
                        "flag '" + key + "' is already defined by /flags/" + indexOfKey.get(key));
                continue;
            }
            int before = problems.size();
            CompiledFlag flag = compileFlag(document, prefix, segments);
            if (flag == null && key != null) {
                flag = CompiledFlag.broken(key, firstProblemSince(before, prefix));
            }
            if (flag != null) {
                indexOfKey.put(flag.key(), i);
                flags.put(flag.key(), flag);
            }
        }
        return flags;
    }

    /** The compiled flag; a broken one when only a segment it uses is invalid; null when the document has problems. */
    private CompiledFlag compileFlag(Object document, String prefix, Map<String, CompiledSegment> segments) {
        Parsed<Flag> parsed = FlagDocuments.parseFlag(document);
        parsed.problems().forEach(p -> problems.add(p.under(prefix)));
        if (!parsed.ok()) {
            return null;
        }
        Flag flag = parsed.value().get();
        int before = problems.size();
        Map<String, CompiledRule> conditions = new HashMap<>();
        String invalidSegment = null;
        for (Map.Entry<String, FlagEnvironment> env : flag.environments().entrySet()) {
            String rulesPath = Pointer.child(prefix + "/environments", env.getKey()) + "/rules";
            List<Rule> rules = env.getValue().rules();
            for (int j = 0; j < rules.size(); j++) {
                String path = Pointer.child(rulesPath, j) + "/when";
                String when = rules.get(j).when();
                CompiledRule rule =
                        conditions.containsKey(when) ? conditions.get(when) : compileCondition(when, flag.salt(), path);
                if (rule == null) {
                    continue;
                }
                conditions.put(when, rule);
                reportUnknownSegments(rule.segments(), path);
                invalidSegment = invalidSegment != null ? invalidSegment : firstInvalidSegment(rule.segments());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        if (invalidSegment != null) {
            return CompiledFlag.broken(flag.key(), "it uses segment '" + invalidSegment + "', which is invalid");
        }
        return CompiledFlag.of(flag, conditions, layout, segments);
    }

    private String firstInvalidSegment(Set<String> references) {
        for (String reference : references) {
            if (declaredSegments.containsKey(reference) && !isUsable(reference)) {
                return reference;
            }
        }
        return null;
    }

    // ---- shared

    private void reportUnknownSegments(Set<String> references, String path) {
        for (String reference : references) {
            if (!declaredSegments.containsKey(reference)) {
                problem(path, ProblemCode.UNKNOWN_SEGMENT, "no segment '" + reference + "'");
            }
        }
    }

    private CompiledRule compileCondition(String source, String salt, String path) {
        CompileResult result;
        try {
            result = rules.bucketSalt(salt).build().compile(source);
        } catch (RuntimeException e) {
            problem(path, ProblemCode.DSL_SYNTAX_ERROR, "the rule compiler failed: " + e);
            return null;
        }
        if (result.ok()) {
            return result.rule();
        }
        for (Diagnostic diagnostic : result.diagnostics()) {
            String where = diagnostic.span().line() > 0 ? diagnostic.span().position() + ": " : "";
            problem(path, problemCode(diagnostic.code()), where + diagnostic.message());
        }
        return null;
    }

    private static ProblemCode problemCode(String diagnosticCode) {
        switch (diagnosticCode) {
            case Diagnostic.TYPE_ERROR:
                return ProblemCode.DSL_TYPE_ERROR;
            case Diagnostic.LIMIT_EXCEEDED:
                return ProblemCode.LIMIT_EXCEEDED;
            default:
                return ProblemCode.DSL_SYNTAX_ERROR;
        }
    }

    private String firstProblemSince(int before, String prefix) {
        if (problems.size() <= before) {
            return "the document is invalid";
        }
        ValidationProblem first = problems.get(before);
        String path = first.path().substring(prefix.length());
        return (path.isEmpty() ? "/" : path) + ": " + first.message();
    }

    private static String rawKey(Object document) {
        if (document instanceof Map<?, ?> map && map.get("key") instanceof String key && Names.isKey(key)) {
            return key;
        }
        return null;
    }

    private void problem(String path, ProblemCode code, String message) {
        problems.add(new ValidationProblem(path, code, message));
    }
}
