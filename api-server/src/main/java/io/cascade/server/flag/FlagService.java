package io.cascade.server.flag;

import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.flag.EvaluationResult;
import io.cascade.evaluator.flag.FlagEvaluator;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.flag.FlagSetResult;
import io.cascade.evaluator.flag.ProblemCode;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.auth.Actor;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import io.cascade.server.namespace.Commit;
import io.cascade.server.namespace.DocumentProblems;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags and segments: every write is one namespace revision, accepted only when the written
 * document compiles cleanly together with everything else in the namespace.
 */
public final class FlagService {

    private final NamespaceWriter namespaces;
    private final FlagEvaluator evaluator = FlagEvaluator.create();
    private final EvaluationMetrics metrics;

    public FlagService(NamespaceWriter namespaces, EvaluationMetrics metrics) {
        this.namespaces = namespaces;
        this.metrics = metrics;
    }

    public Commit putFlag(String namespace, Object document, Integer expectedRevision, Actor actor, String message) {
        Map<String, Object> flag = namespaces.document("flag document", document);
        String key = key("flag", flag);
        return namespaces.commit(namespace, expectedRevision, actor, "flag.put", message, state -> {
            checkFlag(state, key, flag);
            return List.of(new Change.FlagPut(key, flag));
        });
    }

    public Commit archiveFlag(
            String namespace, String key, boolean archived, Integer expectedRevision, Actor actor, String message) {
        return namespaces.commit(
                namespace, expectedRevision, actor, archived ? "flag.archive" : "flag.unarchive", message, state -> {
                    Documents.Entry current = state.flags().get(key);
                    if (current == null) {
                        throw CascadeException.notFound("namespace '" + namespace + "' has no flag '" + key + "'");
                    }
                    Map<String, Object> flag = new LinkedHashMap<>(current.document());
                    flag.put("archived", archived);
                    checkFlag(state, key, flag);
                    return List.of(new Change.FlagPut(key, flag));
                });
    }

    public Commit putSegment(String namespace, Object document, Integer expectedRevision, Actor actor, String message) {
        Map<String, Object> segment = namespaces.document("segment document", document);
        String key = key("segment", segment);
        return namespaces.commit(namespace, expectedRevision, actor, "segment.put", message, state -> {
            List<Map<String, Object>> segments = state.segments().documentsWith(key, segment);
            FlagSetResult result = FlagSet.compile(state.flags().documents(), segments, state.attributeSchema());
            DocumentProblems.refuseIfAny(
                    "segment '" + key + "'",
                    result.segmentProblems(state.segments().indexOf(key)));
            return List.of(new Change.SegmentPut(key, segment));
        });
    }

    public Commit deleteSegment(String namespace, String key, Integer expectedRevision, Actor actor, String message) {
        return namespaces.commit(namespace, expectedRevision, actor, "segment.delete", message, state -> {
            if (!state.segments().contains(key)) {
                throw CascadeException.notFound("namespace '" + namespace + "' has no segment '" + key + "'");
            }
            List<Map<String, Object>> remaining = new ArrayList<>();
            for (Documents.Entry segment : state.segments().entries()) {
                if (!segment.key().equals(key)) {
                    remaining.add(segment.document());
                }
            }
            List<Violation> users =
                    FlagSet.compile(state.flags().documents(), remaining, state.attributeSchema()).problems().stream()
                            .filter(problem -> problem.code() == ProblemCode.UNKNOWN_SEGMENT)
                            .map(problem -> Violation.inDocument(problem.path(), "SEGMENT_IN_USE", problem.message()))
                            .toList();
            if (!users.isEmpty()) {
                throw CascadeException.invalid(users);
            }
            return List.of(new Change.SegmentDeleted(key));
        });
    }

    /** Every flag of the environment evaluated for {@code contextJson}, in key order. */
    public Map<String, EvaluationResult<Object>> evaluateAll(Snapshot state, String environment, Object contextJson) {
        FlagSet flags = state.flagSet();
        EvaluationContext context = context(contextJson).boundTo(flags);
        Map<String, EvaluationResult<Object>> results = evaluator.evaluateAll(flags, environment, context);
        results.forEach((key, result) -> metrics.evaluated(state.namespace(), key, result));
        return results;
    }

    public EvaluationResult<?> evaluate(Snapshot state, String environment, String key, Object contextJson) {
        FlagSet flags = state.flagSet();
        EvaluationResult<?> result =
                evaluator.evaluate(flags, key, environment, context(contextJson).boundTo(flags));
        metrics.evaluated(state.namespace(), key, result);
        return result;
    }

    private void checkFlag(Snapshot state, String key, Map<String, Object> flag) {
        List<Map<String, Object>> flags = state.flags().documentsWith(key, flag);
        FlagSetResult result = FlagSet.compile(flags, state.segments().documents(), state.attributeSchema());
        DocumentProblems.refuseIfAny(
                "flag '" + key + "'", result.flagProblems(state.flags().indexOf(key)));
    }

    @SuppressWarnings("unchecked")
    private static EvaluationContext context(Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw CascadeException.badInput("context must be a JSON object with a targetingKey and attributes");
        }
        return EvaluationContext.of((Map<String, ?>) map);
    }

    private static String key(String what, Map<String, Object> document) {
        if (!(document.get("key") instanceof String key)) {
            throw CascadeException.badInput(what + " document needs a string 'key'");
        }
        Names.requireName(what, key);
        return key;
    }
}
