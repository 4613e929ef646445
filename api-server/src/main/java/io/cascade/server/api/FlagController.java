package io.cascade.server.api;

import graphql.schema.DataFetchingEnvironment;
import io.cascade.evaluator.flag.EvaluationResult;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.rules.CompileResult;
import io.cascade.rules.Diagnostic;
import io.cascade.rules.RuleCompiler;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Role;
import io.cascade.server.error.CascadeException;
import io.cascade.server.flag.FlagService;
import io.cascade.server.namespace.Commit;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.NamespaceWriter;
import io.cascade.server.rollout.RolloutRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Flags, segments, evaluation and rule checking over GraphQL. */
@Controller
class FlagController {

    private final NamespaceSnapshots namespaces;
    private final NamespaceWriter writer;
    private final FlagService flags;
    private final RolloutRegistry rollouts;

    FlagController(NamespaceSnapshots namespaces, NamespaceWriter writer, FlagService flags, RolloutRegistry rollouts) {
        this.rollouts = rollouts;
        this.namespaces = namespaces;
        this.writer = writer;
        this.flags = flags;
    }

    record Flag(String key, String type, boolean archived, Map<String, Object> document, int revision) {}

    record Segment(String key, Map<String, Object> document, int revision) {}

    record FlagEvaluation(
            String key,
            Object value,
            String variation,
            String reason,
            String errorCode,
            String ruleId,
            String message,
            boolean inExperiment)
            implements PrecompletedObject {
        @Override
        public Object fieldValue(String name) {
            switch (name) {
                case "key":
                    return key;
                case "value":
                    return value;
                case "variation":
                    return variation;
                case "reason":
                    return reason;
                case "errorCode":
                    return errorCode;
                case "ruleId":
                    return ruleId;
                case "message":
                    return message;
                case "inExperiment":
                    return inExperiment;
                default:
                    return NOT_PRECOMPLETED;
            }
        }
    }

    record RuleCheck(boolean valid, List<RuleDiagnostic> diagnostics) {}

    record RuleDiagnostic(String code, int line, int column, String message, String rendered) {}

    /** The flags a host of {@code environment} runs: a config rollout's candidate only for a host in its cohort. */
    private Snapshot served(String namespace, String environment, String hostId) {
        if (hostId != null) {
            Names.requireHostId(hostId);
        }
        return rollouts.served(namespaces, namespaces.head(namespace), hostId, Map.of("environment", environment));
    }

    @QueryMapping
    List<FlagEvaluation> evaluateFlags(
            @Argument String namespace,
            @Argument String environment,
            @Argument String hostId,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        Access.requireEnvironmentRead(actor.principal(), namespace, environment);
        Snapshot state = served(namespace, environment, hostId);
        List<FlagEvaluation> out = new ArrayList<>();
        flags.evaluateAll(state, environment, env.getArgument("context"))
                .forEach((key, result) -> out.add(view(key, result)));
        return out;
    }

    @QueryMapping
    FlagEvaluation evaluateFlag(
            @Argument String namespace,
            @Argument String environment,
            @Argument String key,
            @Argument String hostId,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        Access.requireEnvironmentRead(actor.principal(), namespace, environment);
        Snapshot state = served(namespace, environment, hostId);
        return view(key, flags.evaluate(state, environment, key, env.getArgument("context")));
    }

    @QueryMapping
    List<Flag> flags(
            @Argument String namespace,
            @Argument Integer asOfRevision,
            @Argument Boolean includeArchived,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        List<Flag> out = new ArrayList<>();
        for (Documents.Entry entry :
                namespaces.at(namespace, asOfRevision).flags().entries()) {
            Flag flag = flag(entry);
            if (!flag.archived() || Boolean.TRUE.equals(includeArchived)) {
                out.add(flag);
            }
        }
        return out;
    }

    @QueryMapping
    Flag flag(
            @Argument String namespace,
            @Argument String key,
            @Argument Integer asOfRevision,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        Documents.Entry entry = namespaces.at(namespace, asOfRevision).flags().get(key);
        if (entry == null) {
            throw CascadeException.notFound("namespace '" + namespace + "' has no flag '" + key + "'");
        }
        return flag(entry);
    }

    @QueryMapping
    List<Segment> segments(@Argument String namespace, @Argument Integer asOfRevision, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        return namespaces.at(namespace, asOfRevision).segments().entries().stream()
                .map(FlagController::segment)
                .toList();
    }

    @QueryMapping
    Segment segment(
            @Argument String namespace,
            @Argument String key,
            @Argument Integer asOfRevision,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        Documents.Entry entry =
                namespaces.at(namespace, asOfRevision).segments().get(key);
        if (entry == null) {
            throw CascadeException.notFound("namespace '" + namespace + "' has no segment '" + key + "'");
        }
        return segment(entry);
    }

    @QueryMapping
    RuleCheck checkRule(@Argument String namespace, @Argument String source, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        Snapshot state = namespaces.head(namespace);
        CompileResult result = RuleCompiler.builder()
                .attributeSchema(state.attributeSchema())
                .build()
                .compile(source);
        List<RuleDiagnostic> diagnostics = new ArrayList<>();
        for (Diagnostic diagnostic : result.diagnostics()) {
            diagnostics.add(new RuleDiagnostic(
                    diagnostic.code(),
                    diagnostic.span().line(),
                    diagnostic.span().column(),
                    diagnostic.message(),
                    diagnostic.render(source)));
        }
        if (result.ok()) {
            for (String segment : result.rule().segments()) {
                if (!state.segments().contains(segment)) {
                    String message = "unknown segment '" + segment + "' in namespace '" + namespace + "'";
                    diagnostics.add(new RuleDiagnostic("UNKNOWN_SEGMENT", 1, 1, message, "1:1: " + message));
                }
            }
        }
        return new RuleCheck(diagnostics.isEmpty(), diagnostics);
    }

    @MutationMapping
    Commit putAttributes(
            @Argument String namespace,
            @Argument Integer expectedRevision,
            @Argument String message,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return writer.putAttributes(namespace, env.getArgument("attributes"), expectedRevision, actor, message);
    }

    @SchemaMapping(typeName = "Namespace")
    Map<String, String> attributes(Views.Namespace namespace) {
        return namespaces.at(namespace.name(), namespace.revision()).attributes();
    }

    @MutationMapping
    Commit putFlag(
            @Argument String namespace,
            @Argument Integer expectedRevision,
            @Argument String message,
            DataFetchingEnvironment env,
            @Argument String breakGlass,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return flags.putFlag(
                namespace, env.getArgument("flag"), expectedRevision, actor.breakingGlass(breakGlass), message);
    }

    @MutationMapping
    Commit putSegment(
            @Argument String namespace,
            @Argument Integer expectedRevision,
            @Argument String message,
            DataFetchingEnvironment env,
            @Argument String breakGlass,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return flags.putSegment(
                namespace, env.getArgument("segment"), expectedRevision, actor.breakingGlass(breakGlass), message);
    }

    @MutationMapping
    Commit archiveFlag(
            @Argument String namespace,
            @Argument String key,
            @Argument Boolean archived,
            @Argument Integer expectedRevision,
            @Argument String message,
            @Argument String breakGlass,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return flags.archiveFlag(
                namespace,
                key,
                !Boolean.FALSE.equals(archived),
                expectedRevision,
                actor.breakingGlass(breakGlass),
                message);
    }

    @MutationMapping
    Commit deleteSegment(
            @Argument String namespace,
            @Argument String key,
            @Argument Integer expectedRevision,
            @Argument String message,
            @Argument String breakGlass,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return flags.deleteSegment(namespace, key, expectedRevision, actor.breakingGlass(breakGlass), message);
    }

    private static FlagEvaluation view(String key, EvaluationResult<?> result) {
        return new FlagEvaluation(
                key,
                result.value(),
                result.variation().orElse(null),
                result.reason().name(),
                result.errorCode().map(Enum::name).orElse(null),
                result.ruleId().orElse(null),
                result.message().orElse(null),
                result.inExperiment());
    }

    private static Flag flag(Documents.Entry entry) {
        Map<String, Object> document = entry.document();
        return new Flag(
                entry.key(),
                String.valueOf(document.get("type")),
                Boolean.TRUE.equals(document.get("archived")),
                document,
                entry.revision());
    }

    private static Segment segment(Documents.Entry entry) {
        return new Segment(entry.key(), entry.document(), entry.revision());
    }
}
