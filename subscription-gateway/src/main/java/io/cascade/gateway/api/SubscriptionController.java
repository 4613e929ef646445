package io.cascade.gateway.api;

import graphql.GraphQLContext;
import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.hub.SubscriptionHub;
import io.cascade.gateway.hub.SubscriptionHub.Activity;
import io.cascade.gateway.hub.SubscriptionHub.FlagSnapshotView;
import io.cascade.gateway.hub.SubscriptionHub.ResolvedConfigView;
import io.cascade.gateway.spi.Caller;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.HostPresence;
import io.cascade.gateway.spi.NamespaceRevision;
import io.cascade.gateway.spi.NamespaceStep;
import io.cascade.gateway.ws.Connection;
import io.cascade.gateway.ws.TransportWsHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** The subscriptions: checked against the caller's key, then served by the hub. */
@Controller
public class SubscriptionController {

    /** How many revisions a tool's {@code namespaceEvents} may fall behind before it is closed. */
    private static final int EVENTS_BUFFER = 1_000;

    private final GatewayState state;
    private final SubscriptionHub hub;

    public SubscriptionController(GatewayState state, SubscriptionHub hub) {
        this.state = state;
        this.hub = hub;
    }

    @SubscriptionMapping
    public Flux<ResolvedConfigView> configChanged(
            @Argument String namespace, @Argument Object scope, @Argument String hostId, GraphQLContext context) {
        Caller caller = caller(context, namespace);
        Snapshot snapshot = namespace(namespace);
        Map<String, String> members = Scopes.members(scope, snapshot.dimensions());
        if (caller.isSdk() && !caller.mayReadEnvironment(namespace, members.get("environment"))) {
            throw GatewayException.forbidden(
                    "this SDK key serves environment '" + caller.environment() + "' only; the scope must name it");
        }
        String host = Scopes.hostId(hostId);
        registerHost(context, namespace, host, members);
        Scope resolved = Scopes.scope(members, snapshot.dimensions());
        return hub.config(namespace, resolved, members, host);
    }

    @SubscriptionMapping
    public Flux<FlagSnapshotView> flagsChanged(
            @Argument String namespace,
            @Argument String environment,
            @Argument String hostId,
            @Argument Object scope,
            GraphQLContext context) {
        Caller caller = caller(context, namespace);
        Snapshot snapshot = namespace(namespace);
        if (!caller.mayReadEnvironment(namespace, environment)) {
            throw GatewayException.forbidden("this SDK key serves environment '" + caller.environment() + "' only");
        }
        String host = Scopes.hostId(hostId);
        Map<String, String> hostScope = Scopes.hostScope(scope, environment, snapshot.dimensions());
        registerHost(context, namespace, host, hostScope);
        return hub.flags(namespace, environment, host, hostScope);
    }

    @SubscriptionMapping
    public Flux<NamespaceEvent> namespaceEvents(@Argument String namespace, GraphQLContext context) {
        Caller caller = caller(context, namespace);
        if (caller.isSdk()) {
            throw GatewayException.forbidden("SDK keys may not watch a namespace's changes");
        }
        namespace(namespace);
        return hub.revisions(namespace, EVENTS_BUFFER).map(NamespaceEvent::of);
    }

    private Caller caller(GraphQLContext context, String namespace) {
        Caller caller = context.get(TransportWsHandler.CALLER);
        if (caller == null) {
            throw new GatewayException("UNAUTHENTICATED", "subscriptions need a key in connection_init");
        }
        if (!caller.mayRead(namespace)) {
            throw GatewayException.forbidden("this key may not read namespace '" + namespace + "'");
        }
        return caller;
    }

    private Snapshot namespace(String namespace) {
        return state.latest(namespace)
                .orElseThrow(() -> new GatewayException("NOT_FOUND", "namespace '" + namespace + "' does not exist"));
    }

    private static void registerHost(
            GraphQLContext context, String namespace, String hostId, Map<String, String> scope) {
        Connection connection = context.get(TransportWsHandler.CONNECTION);
        String id = context.get(TransportWsHandler.SUBSCRIPTION_ID);
        if (hostId != null && connection != null && id != null) {
            connection.host(id, new HostPresence.Host(namespace, hostId, scope));
        }
    }

    /**
     * What {@code namespaceEvents} sends: a revision and a summary of each change, or a rollout step
     * that commits no revision (its {@code rollout} set, no changes, the newest revision sent before).
     */
    public record NamespaceEvent(
            String namespace,
            int revision,
            String action,
            String author,
            String message,
            Instant committedAt,
            List<ChangeSummary> changes,
            RolloutMove rollout) {

        static NamespaceEvent of(Activity activity) {
            return activity.revision() != null
                    ? of(activity.revision())
                    : of(activity.step(), activity.shownRevision());
        }

        static NamespaceEvent of(NamespaceStep step, int revision) {
            return new NamespaceEvent(
                    step.namespace(),
                    revision,
                    step.action(),
                    step.actor(),
                    step.message(),
                    step.at(),
                    List.of(),
                    RolloutMove.of(step));
        }

        static NamespaceEvent of(NamespaceRevision revision) {
            List<ChangeSummary> changes = new ArrayList<>();
            for (Change change : revision.changes()) {
                changes.add(new ChangeSummary(
                        change.kind(),
                        change.action(),
                        change.accept(new Target(revision.after().dimensions()))));
            }
            return new NamespaceEvent(
                    revision.namespace(),
                    revision.revision(),
                    revision.action(),
                    revision.author(),
                    revision.message(),
                    revision.committedAt(),
                    changes,
                    null);
        }
    }

    /** A rollout step: which rollout, the stage it is at (from 0) and its name, the state it is in now. */
    public record RolloutMove(String id, Integer stage, String stageName, String state) {

        static RolloutMove of(NamespaceStep step) {
            Object id = step.target().get("rollout");
            Object stage = step.target().get("stage");
            Object stageName = step.target().get("stageName");
            return new RolloutMove(
                    id == null ? null : id.toString(),
                    stage instanceof Number number ? number.intValue() : null,
                    stageName == null ? null : stageName.toString(),
                    step.state());
        }
    }

    /** One change: what kind, what was done, and to what (a selector's values, a key, a version). */
    public record ChangeSummary(String kind, String action, Object target) {}

    /** What a change acted on, as history shows it: a selector by dimension, a key, a schema version. */
    private record Target(List<String> dimensions) implements Change.Visitor<Object> {
        @Override
        public Object namespaceCreated(Change.NamespaceCreated change) {
            return change.dimensions();
        }

        @Override
        public Object layerPut(Change.LayerPut change) {
            return selector(change.selector());
        }

        @Override
        public Object layerDeleted(Change.LayerDeleted change) {
            return selector(change.selector());
        }

        private Map<String, String> selector(List<String> values) {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < dimensions.size() && i < values.size(); i++) {
                out.put(dimensions.get(i), values.get(i));
            }
            return out;
        }

        @Override
        public Object schemaRegistered(Change.SchemaRegistered change) {
            return change.version();
        }

        @Override
        public Object flagPut(Change.FlagPut change) {
            return change.key();
        }

        @Override
        public Object flagDeleted(Change.FlagDeleted change) {
            return change.key();
        }

        @Override
        public Object segmentPut(Change.SegmentPut change) {
            return change.key();
        }

        @Override
        public Object segmentDeleted(Change.SegmentDeleted change) {
            return change.key();
        }

        @Override
        public Object attributesDeclared(Change.AttributesDeclared change) {
            return change.attributes();
        }
    }
}
