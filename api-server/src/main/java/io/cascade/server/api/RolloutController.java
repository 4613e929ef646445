package io.cascade.server.api;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.cascade.gateway.api.GatewayException;
import io.cascade.gateway.spi.Caller;
import io.cascade.gateway.ws.TransportWsHandler;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Role;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.rollout.Rollout;
import io.cascade.server.rollout.RolloutService;
import io.cascade.server.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Rollouts and host health over GraphQL. */
@Controller
class RolloutController {

    /** At most this many windows in a rollout's health. */
    private static final int HEALTH_POINTS = 200;

    private final NamespaceSnapshots namespaces;
    private final RolloutService rollouts;
    private final Duration tick;

    RolloutController(
            NamespaceSnapshots namespaces,
            RolloutService rollouts,
            @Value("${cascade.rollout.tick:PT1S}") Duration tick) {
        this.namespaces = namespaces;
        this.rollouts = rollouts;
        this.tick = tick;
    }

    /** A rollout as the API shows it. */
    record RolloutView(
            String id,
            String namespace,
            String kind,
            RolloutState state,
            Integer baseRevision,
            Integer candidateRevision,
            int currentStage,
            List<RolloutService.StageView> stages,
            String abortReason,
            Integer rollbackRevision,
            Map<String, Object> plan,
            String author,
            String message,
            Instant createdAt,
            Instant stageStartedAt,
            long bakedSeconds,
            Instant finishedAt,
            String orchestrator) {}

    @QueryMapping
    Views.Connection<RolloutView> rollouts(
            @Argument String namespace,
            @Argument RolloutState state,
            @Argument Integer first,
            @Argument String after,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        namespaces.head(namespace);
        int size = Views.pageSize(first);
        int from = after == null ? 0 : offset(after);
        List<Rollout> all = rollouts.list(namespace, state);
        List<Views.Edge<RolloutView>> edges = new ArrayList<>();
        for (int i = from; i < Math.min(all.size(), from + size); i++) {
            edges.add(new Views.Edge<>(Views.cursor("rollout", String.valueOf(i + 1)), view(all.get(i))));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Views.Connection<>(edges, new Views.PageInfo(from + size < all.size(), end));
    }

    @QueryMapping
    RolloutView rollout(@Argument String namespace, @Argument String id, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        return view(rollouts.get(namespace, id));
    }

    @SchemaMapping(typeName = "Rollout", field = "health")
    List<RolloutService.HealthPoint> health(RolloutView rollout, @Argument Integer bucketSeconds) {
        int seconds = bucketSeconds == null ? 10 : bucketSeconds;
        if (seconds < 1 || seconds > 3600) {
            throw CascadeException.badInput("bucketSeconds must be from 1 to 3600");
        }
        return rollouts.health(
                rollouts.get(rollout.namespace(), rollout.id()), Duration.ofSeconds(seconds), HEALTH_POINTS);
    }

    /**
     * The rollout now, then again whenever what the dashboard shows of it changes: the server
     * re-reads it every tick (the stage counts follow host acknowledgements, which commit nothing)
     * and sends only what differs; it completes once the rollout has finished.
     */
    @SubscriptionMapping
    Flux<RolloutView> rolloutChanged(@Argument String namespace, @Argument String id, GraphQLContext context) {
        Caller caller = context.get(TransportWsHandler.CALLER);
        if (caller == null) {
            throw new GatewayException("UNAUTHENTICATED", "subscriptions need a key in connection_init");
        }
        if (!caller.mayRead(namespace) || caller.isSdk()) {
            throw new GatewayException(
                    "FORBIDDEN", "this key may not watch the rollouts of namespace '" + namespace + "'");
        }
        Watched first;
        try {
            first = watched(rollouts.get(namespace, id));
        } catch (CascadeException e) {
            // The gateway's error path gives a refusal its code.
            throw new GatewayException(e.code().name(), e.getMessage());
        }
        if (!active(first.view())) {
            return Flux.just(first.view());
        }
        return Flux.interval(tick, tick, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .map(beat -> watched(rollouts.get(namespace, id)))
                .startWith(first)
                .distinctUntilChanged(Watched::shown)
                .map(Watched::view)
                .takeUntil(view -> !active(view));
    }

    /** A rollout as sent, and what a watcher sees change of it. */
    private record Watched(RolloutView view, List<Object> shown) {}

    /**
     * What a watcher sees change: the state, the stages and their host counts, the revisions, and
     * the sums of what each cohort reported (one window since the start); not the bake clock,
     * which moves every second.
     */
    private Watched watched(Rollout rollout) {
        RolloutView view = view(rollout);
        List<Object> shown = new ArrayList<>(Arrays.asList(
                view.state(),
                view.currentStage(),
                view.stages(),
                view.baseRevision(),
                view.candidateRevision(),
                view.rollbackRevision(),
                view.abortReason(),
                view.stageStartedAt(),
                view.finishedAt()));
        shown.add(rollouts.health(rollout, Duration.ofDays(1), 1));
        return new Watched(view, shown);
    }

    private static boolean active(RolloutView view) {
        return view.state() == RolloutState.RUNNING || view.state() == RolloutState.PAUSED;
    }

    @MutationMapping
    boolean reportHealth(
            @Argument String namespace,
            @Argument String hostId,
            @Argument int revision,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        requireHostOrViewer(actor, namespace);
        int head = namespaces.head(namespace).revision();
        Names.requireHostId(hostId);
        if (actor.principal().role() == Role.SDK) {
            String environment = rollouts.hostEnvironment(namespace, hostId).orElse(null);
            if (environment != null && !environment.equals(actor.principal().environment())) {
                throw new CascadeException(
                        io.cascade.server.error.ApiErrorCode.FORBIDDEN,
                        "host '" + hostId + "' runs in environment '" + environment + "'; this SDK key serves '"
                                + actor.principal().environment() + "' only");
            }
        }
        if (revision < 1 || revision > head) {
            throw CascadeException.badInput(
                    "namespace '" + namespace + "' has revisions 1 to " + head + ", not " + revision);
        }
        if (!(env.getArgument("metrics") instanceof Map<?, ?> metrics)) {
            throw CascadeException.badInput("metrics must be a JSON object {requests, errors, latencyP99Ms}");
        }
        for (Object key : metrics.keySet()) {
            if (!"requests".equals(key) && !"errors".equals(key) && !"latencyP99Ms".equals(key)) {
                throw CascadeException.badInput(
                        "metrics has unknown field '" + key + "'; expected requests, errors, latencyP99Ms");
            }
        }
        long requests = count(metrics.get("requests"), "requests");
        long errors = count(metrics.get("errors"), "errors");
        if (errors > requests) {
            throw CascadeException.badInput(
                    "metrics.errors (" + errors + ") exceeds metrics.requests (" + requests + ")");
        }
        Double latency = null;
        Object latencyJson = metrics.get("latencyP99Ms");
        if (latencyJson != null) {
            if (!(latencyJson instanceof Number number)
                    || !(number.doubleValue() >= 0)
                    || number.doubleValue() > 3.6e6) {
                throw CascadeException.badInput("metrics.latencyP99Ms must be a number from 0 to 3600000");
            }
            latency = number.doubleValue();
        }
        rollouts.reportHealth(namespace, hostId, revision, requests, errors, latency);
        return true;
    }

    @MutationMapping
    RolloutView startRollout(
            @Argument String namespace,
            @Argument String changeRequestId,
            @Argument String message,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        namespaces.head(namespace);
        return view(rollouts.start(
                namespace, env.getArgument("plan"), env.getArgument("changes"), changeRequestId, actor, message));
    }

    @MutationMapping
    RolloutView advanceRollout(@Argument String namespace, @Argument String id, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return view(rollouts.advance(namespace, id, actor));
    }

    @MutationMapping
    RolloutView pauseRollout(@Argument String namespace, @Argument String id, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return view(rollouts.pause(namespace, id, actor));
    }

    @MutationMapping
    RolloutView resumeRollout(@Argument String namespace, @Argument String id, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return view(rollouts.resume(namespace, id, actor));
    }

    @MutationMapping
    RolloutView abortRollout(
            @Argument String namespace, @Argument String id, @Argument String reason, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return view(rollouts.abort(namespace, id, reason, actor));
    }

    private RolloutView view(Rollout rollout) {
        Instant now = Instant.now();
        Instant until = rollout.pausedAt() != null
                ? rollout.pausedAt()
                : rollout.finishedAt() != null ? rollout.finishedAt() : now;
        long baked = rollout.stageStartedAt() == null || until.isBefore(rollout.stageStartedAt())
                ? 0
                : Duration.between(rollout.stageStartedAt(), until).getSeconds();
        return new RolloutView(
                rollout.id(),
                rollout.namespace(),
                rollout.kind().name(),
                rollout.state(),
                rollout.baseRevision(),
                rollout.candidateRevision(),
                rollout.currentStage(),
                rollouts.stages(rollout),
                rollout.abortReason(),
                rollout.rollbackRevision(),
                rollout.plan(),
                rollout.author(),
                rollout.message(),
                rollout.createdAt(),
                rollout.stageStartedAt(),
                baked,
                rollout.finishedAt(),
                rollout.state() == RolloutState.RUNNING || rollout.state() == RolloutState.PAUSED
                        ? rollouts.orchestrator(rollout).orElse(null)
                        : null);
    }

    /**
     * Hosts report with their SDK key (for a host the registry knows, only one of that key's
     * environment); any key of the namespace may too.
     */
    private static void requireHostOrViewer(Actor actor, String namespace) {
        if (actor.principal().role() == Role.SDK) {
            Access.requireEnvironmentRead(
                    actor.principal(), namespace, actor.principal().environment());
            return;
        }
        Access.require(actor.principal(), namespace, Role.VIEWER);
    }

    private static long count(Object json, String name) {
        if (!(json instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < 0
                || number.doubleValue() > 1e15) {
            throw CascadeException.badInput("metrics." + name + " must be a whole number from 0 to 10^15");
        }
        return number.longValue();
    }

    private static int offset(String cursor) {
        try {
            return Integer.parseInt(Views.decodeCursor("rollout", cursor));
        } catch (NumberFormatException e) {
            throw CascadeException.badInput("cursor '" + cursor + "' is not a rollout cursor");
        }
    }
}
