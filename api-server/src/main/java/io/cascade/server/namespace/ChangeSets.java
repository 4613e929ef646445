package io.cascade.server.namespace;

import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.flag.ValidationProblem;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Revision;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import io.cascade.server.schema.CompiledSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates several changes as one revision: every one applied, then the result judged as a whole
 * (the resolved config of every scope any of them affects, every flag and segment compiled
 * together), so a change that is only valid next to another one in the list is accepted.
 */
final class ChangeSets {

    private final ChangeValidator validator;
    private final Limits limits;
    private final JsonMapper json;
    private final Function<Snapshot, CompiledSchema> compiled;

    ChangeSets(ChangeValidator validator, Limits limits, JsonMapper json, Function<Snapshot, CompiledSchema> compiled) {
        this.validator = validator;
        this.limits = limits;
        this.json = json;
        this.compiled = compiled;
    }

    /** The state after {@code changes}; throws with every violation when it is not valid. */
    Snapshot validate(Snapshot state, List<Change> changes) {
        Set<Selector> layers = new LinkedHashSet<>();
        Set<String> targets = new HashSet<>();
        boolean schema = false;
        boolean documents = false;
        for (Change change : changes) {
            String target = ChangeTarget.of(change);
            if (!targets.add(target)) {
                throw CascadeException.badInput("changes hold more than one operation on " + target);
            }
            Selector selector = ChangeTarget.selectorOf(change);
            if (selector != null) {
                layers.add(selector);
            } else if (change.kind().equals("schema")) {
                schema = true;
            } else {
                documents = true;
            }
            requireExisting(state, change);
        }
        Snapshot after = state.apply(new Revision(state.revision() + 1, Instant.EPOCH, "plan", changes));
        if (after.layers().size() > limits.layersPerNamespace()
                && after.layers().size() > state.layers().size()) {
            throw CascadeException.limit(
                    "layersPerNamespace",
                    limits.layersPerNamespace(),
                    "the changes would leave namespace '" + state.namespace() + "' with "
                            + after.layers().size() + " layers");
        }
        List<Violation> violations = new ArrayList<>();
        if (schema) {
            CompiledSchema next = CompiledSchema.compile(after.schema().source(), after.dimensions(), json);
            violations.addAll(validator.everything(next, after.layers()));
        } else {
            violations.addAll(validator.afterLayerChanges(compiled.apply(state), after.layers(), layers));
        }
        List<ValidationProblem> problems = documents ? problems(after) : List.of();
        if (!violations.isEmpty()) {
            problems.forEach(
                    p -> violations.add(Violation.inDocument(p.path(), p.code().name(), p.message())));
            throw CascadeException.invalid(violations);
        }
        DocumentProblems.refuseIfAny("the flags and segments after the changes", problems);
        return after;
    }

    /** The problems of every flag and segment, at {@code /flags/<key>/…} and {@code /segments/<key>/…}. */
    private static List<ValidationProblem> problems(Snapshot after) {
        List<ValidationProblem> raw = FlagSet.compile(
                        after.flags().documents(), after.segments().documents(), after.attributeSchema())
                .problems();
        List<ValidationProblem> out = new ArrayList<>(raw.size());
        for (ValidationProblem problem : raw) {
            out.add(keyed(problem, "/flags/", after.flags())
                    .orElseGet(
                            () -> keyed(problem, "/segments/", after.segments()).orElse(problem)));
        }
        return out;
    }

    private static java.util.Optional<ValidationProblem> keyed(
            ValidationProblem problem, String prefix, Documents docs) {
        if (!problem.path().startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String rest = problem.path().substring(prefix.length());
        int slash = rest.indexOf('/');
        String index = slash < 0 ? rest : rest.substring(0, slash);
        try {
            String key = docs.entries().get(Integer.parseInt(index)).key();
            return java.util.Optional.of(new ValidationProblem(
                    prefix + key + (slash < 0 ? "" : rest.substring(slash)), problem.code(), problem.message()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String segmentKey(Change change) {
        return ChangeTarget.of(change).substring("segment ".length());
    }

    private static void requireExisting(Snapshot state, Change change) {
        if (!change.action().equals("delete")) {
            return;
        }
        Selector selector = ChangeTarget.selectorOf(change);
        boolean missing = selector != null
                ? state.layers().get(selector) == null
                : change.kind().equals("segment") && !state.segments().contains(segmentKey(change));
        if (missing) {
            throw CascadeException.notFound("namespace '" + state.namespace() + "' has no " + ChangeTarget.of(change));
        }
    }
}
