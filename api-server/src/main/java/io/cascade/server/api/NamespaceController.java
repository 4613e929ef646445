package io.cascade.server.api;

import graphql.schema.DataFetchingEnvironment;
import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LeafSource;
import io.cascade.evaluator.config.Resolution;
import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.SchemaVersion;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Principal;
import io.cascade.server.auth.Role;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import io.cascade.server.namespace.Commit;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.NamespaceWriter;
import io.cascade.server.namespace.RevisionDiff;
import io.cascade.server.namespace.RevisionHistory;
import io.cascade.server.namespace.SchemaRegistration;
import io.cascade.server.rollout.RolloutRegistry;
import io.cascade.server.store.RevisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Namespaces, layers, schemas and revisions over GraphQL. */
@Controller
class NamespaceController {

    private final NamespaceSnapshots namespaces;
    private final NamespaceWriter writer;
    private final RevisionHistory history;
    private final RolloutRegistry rollouts;

    NamespaceController(
            NamespaceSnapshots namespaces, NamespaceWriter writer, RevisionHistory history, RolloutRegistry rollouts) {
        this.namespaces = namespaces;
        this.writer = writer;
        this.history = history;
        this.rollouts = rollouts;
    }

    // ---- queries ----------------------------------------------------------------------------

    @QueryMapping
    Views.ResolvedConfig resolveConfig(
            @Argument String namespace,
            @Argument Integer asOfRevision,
            @Argument Boolean explain,
            @Argument String hostId,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        if (hostId != null) {
            Names.requireHostId(hostId);
        }
        Object scopeJson = env.getArgument("scope");
        Object environment = scopeJson instanceof Map<?, ?> scopeMap ? scopeMap.get("environment") : null;
        Access.requireEnvironmentRead(actor.principal(), namespace, environment instanceof String e ? e : null);
        if (hostId != null) {
            Names.requireHostId(hostId);
        }
        Snapshot state = asOfRevision != null
                ? namespaces.at(namespace, asOfRevision)
                : served(namespaces.head(namespace), hostId, scopeJson);
        boolean withSources = Boolean.TRUE.equals(explain);
        Scope scope = Names.scope(scopeJson, state.dimensions());
        Resolution resolution = state.resolve(scope, withSources);
        List<Views.LeafSource> sources = null;
        if (withSources) {
            sources = new ArrayList<>();
            for (LeafSource source : resolution.sources()) {
                sources.add(new Views.LeafSource(source.path(), Names.toJson(source.selector(), state.dimensions())));
            }
        }
        return new Views.ResolvedConfig(
                namespace, state.revision(), Names.toJson(scope, state.dimensions()), resolution.config(), sources);
    }

    @QueryMapping
    Views.Connection<Views.Revision> history(
            @Argument String namespace, @Argument Integer first, @Argument String after, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        int size = Views.pageSize(first);
        Snapshot head = namespaces.head(namespace);
        int before = after == null ? Integer.MAX_VALUE : revisionCursor(after);
        List<RevisionRecord> records = history.history(namespace, before, size);
        List<Views.Edge<Views.Revision>> edges = new ArrayList<>();
        for (RevisionRecord record : records) {
            edges.add(new Views.Edge<>(
                    Views.cursor("revision", String.valueOf(record.revision())), revision(record, head.dimensions())));
        }
        int oldest =
                records.isEmpty() ? before : records.get(records.size() - 1).revision();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Views.Connection<>(edges, new Views.PageInfo(oldest > 1 && !records.isEmpty(), end));
    }

    @QueryMapping
    Views.Connection<Views.Namespace> namespaces(
            @Argument Integer first, @Argument String after, @ContextValue Actor actor) {
        Principal principal = actor.principal();
        if (!principal.platformAdmin() && principal.role() == Role.SDK) {
            Access.require(principal, principal.namespace(), Role.VIEWER);
        }
        int size = Views.pageSize(first);
        String from = after == null ? null : Views.decodeCursor("namespace", after);
        List<Views.Edge<Views.Namespace>> edges = new ArrayList<>();
        boolean more = false;
        for (String name : namespaces.names()) {
            if (from != null && name.compareTo(from) <= 0 || !Access.canSee(principal, name)) {
                continue;
            }
            if (edges.size() == size) {
                more = true;
                break;
            }
            edges.add(new Views.Edge<>(Views.cursor("namespace", name), view(namespaces.head(name))));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Views.Connection<>(edges, new Views.PageInfo(more, end));
    }

    @QueryMapping
    Views.Namespace namespace(@Argument String name, @ContextValue Actor actor) {
        Access.require(actor.principal(), name, Role.VIEWER);
        return view(namespaces.head(name));
    }

    @QueryMapping
    RevisionDiff diff(
            @Argument String namespace,
            @Argument int fromRevision,
            @Argument Integer toRevision,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        return history.diff(namespace, fromRevision, toRevision);
    }

    @QueryMapping
    Views.ValidationReport validateLayer(
            @Argument String namespace, DataFetchingEnvironment env, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        List<Violation> violations =
                writer.validateLayer(namespace, env.getArgument("selector"), env.getArgument("content"));
        return new Views.ValidationReport(violations.isEmpty(), violations);
    }

    // ---- Namespace fields --------------------------------------------------------------------

    @SchemaMapping(typeName = "Namespace")
    List<Views.Layer> layers(Views.Namespace namespace, @Argument Integer asOfRevision) {
        Snapshot state = namespaces.at(namespace.name(), asOfRevision);
        List<Views.Layer> layers = new ArrayList<>();
        for (Layer layer : state.layers().layers()) {
            layers.add(new Views.Layer(
                    Names.toJson(layer.selector(), state.dimensions()),
                    layer.content(),
                    state.layerRevision(layer.selector())));
        }
        return layers;
    }

    @SchemaMapping(typeName = "Namespace")
    Views.SchemaVersion schema(Views.Namespace namespace) {
        SchemaVersion current =
                namespaces.at(namespace.name(), namespace.revision()).schema();
        return current == null ? null : view(current);
    }

    @SchemaMapping(typeName = "Namespace")
    List<Views.SchemaVersion> schemaVersions(Views.Namespace namespace) {
        return namespaces.at(namespace.name(), namespace.revision()).schemas().stream()
                .map(NamespaceController::view)
                .toList();
    }

    // ---- mutations ---------------------------------------------------------------------------

    @MutationMapping
    Views.Namespace createNamespace(
            @Argument String name,
            @Argument List<String> dimensions,
            @Argument String message,
            @ContextValue Actor actor) {
        Access.requirePlatformAdmin(actor.principal());
        writer.createNamespace(name, dimensions, actor, message);
        return view(namespaces.head(name));
    }

    @MutationMapping
    SchemaRegistration registerSchema(
            @Argument String namespace,
            @Argument Integer expectedRevision,
            @Argument Boolean dryRun,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return writer.registerSchema(
                namespace, env.getArgument("schema"), expectedRevision, Boolean.TRUE.equals(dryRun), actor);
    }

    @MutationMapping
    Commit putLayer(
            @Argument String namespace,
            @Argument Integer expectedRevision,
            @Argument String message,
            DataFetchingEnvironment env,
            @Argument String breakGlass,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return writer.putLayer(
                namespace,
                env.getArgument("selector"),
                env.getArgument("content"),
                expectedRevision,
                actor.breakingGlass(breakGlass),
                message);
    }

    @MutationMapping
    Commit deleteLayer(
            @Argument String namespace,
            @Argument Integer expectedRevision,
            @Argument String message,
            DataFetchingEnvironment env,
            @Argument String breakGlass,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return writer.deleteLayer(
                namespace, env.getArgument("selector"), expectedRevision, actor.breakingGlass(breakGlass), message);
    }

    @MutationMapping
    Commit restoreRevision(
            @Argument String namespace,
            @Argument int revision,
            @Argument Integer expectedRevision,
            @Argument String message,
            @Argument String breakGlass,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return writer.restoreRevision(namespace, revision, expectedRevision, actor.breakingGlass(breakGlass), message);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /**
     * What a read of the latest config is served while a config rollout runs: its candidate for a
     * host in the current cohort, the base for every other host and every read without a host id.
     */
    private Snapshot served(Snapshot head, String hostId, Object scopeJson) {
        Map<String, String> scope = Names.toJson(Names.scope(scopeJson, head.dimensions()), head.dimensions());
        return rollouts.served(namespaces, head, hostId, scope);
    }

    private static Views.Namespace view(Snapshot state) {
        return new Views.Namespace(state.namespace(), state.dimensions(), state.revision(), state.createdAt());
    }

    private static Views.SchemaVersion view(SchemaVersion version) {
        return new Views.SchemaVersion(
                version.version(), version.revision(), version.source(), version.author(), version.registeredAt());
    }

    private static Views.Revision revision(RevisionRecord record, List<String> dimensions) {
        List<Views.ChangeSummary> changes = new ArrayList<>();
        for (Change change : record.changes()) {
            changes.add(new Views.ChangeSummary(change.kind(), change.action(), target(change, dimensions)));
        }
        return new Views.Revision(record.revision(), record.author(), record.message(), record.committedAt(), changes);
    }

    private static Object target(Change change, List<String> dimensions) {
        if (change instanceof Change.LayerPut put) {
            return selectorJson(put.selector(), dimensions);
        }
        if (change instanceof Change.LayerDeleted deleted) {
            return selectorJson(deleted.selector(), dimensions);
        }
        if (change instanceof Change.SchemaRegistered schema) {
            return schema.version();
        }
        if (change instanceof Change.FlagPut flag) {
            return flag.key();
        }
        if (change instanceof Change.FlagDeleted flag) {
            return flag.key();
        }
        if (change instanceof Change.SegmentPut segment) {
            return segment.key();
        }
        if (change instanceof Change.SegmentDeleted segment) {
            return segment.key();
        }
        if (change instanceof Change.AttributesDeclared declared) {
            return declared.attributes();
        }
        return ((Change.NamespaceCreated) change).dimensions();
    }

    private static Map<String, String> selectorJson(List<String> values, List<String> dimensions) {
        return Names.toJson(new Selector(values), dimensions);
    }

    private static int revisionCursor(String cursor) {
        try {
            return Integer.parseInt(Views.decodeCursor("revision", cursor));
        } catch (NumberFormatException e) {
            throw CascadeException.badInput("cursor '" + cursor + "' is not a revision cursor");
        }
    }
}
