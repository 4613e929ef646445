package io.cascade.server.api;

import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.propagation.HostRegistry;
import io.cascade.server.rollout.RolloutRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** What an embedded client calls besides its subscriptions: the flags of its environment (health reports go to the rollouts). */
@Controller
class HostClientController {

    private final NamespaceSnapshots namespaces;
    private final HostRegistry hosts;
    private final RolloutRegistry rollouts;

    HostClientController(NamespaceSnapshots namespaces, HostRegistry hosts, RolloutRegistry rollouts) {
        this.namespaces = namespaces;
        this.hosts = hosts;
        this.rollouts = rollouts;
    }

    /** What {@code flagSnapshot} answers: the shape {@code flagsChanged} sends. */
    record FlagSnapshot(
            String namespace,
            String environment,
            int revision,
            List<Map<String, Object>> flags,
            List<Map<String, Object>> segments,
            Map<String, String> attributes) {}

    @QueryMapping
    FlagSnapshot flagSnapshot(
            @Argument String namespace,
            @Argument String environment,
            @Argument String hostId,
            @Argument Object scope,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requireEnvironmentRead(actor.principal(), namespace, environment);
        if (hostId != null) {
            Names.requireHostId(hostId);
        }
        Snapshot latest = namespaces.head(namespace);
        Snapshot head = rollouts.served(namespaces, latest, hostId, hostScope(latest, environment, scope));
        return new FlagSnapshot(
                namespace,
                environment,
                head.revision(),
                forEnvironment(head.flags(), environment),
                head.segments().documents(),
                head.attributes());
    }

    /**
     * The scope a flag reader runs with, for rollout cohorts: the environment alone, or the scope it
     * gave, which may name only that environment.
     */
    private static Map<String, String> hostScope(Snapshot head, String environment, Object scopeJson) {
        if (scopeJson == null) {
            return Map.of("environment", environment);
        }
        Map<String, String> scope =
                new LinkedHashMap<>(Names.toJson(Names.scope(scopeJson, head.dimensions()), head.dimensions()));
        String named = scope.get("environment");
        if (named != null && !named.equals(environment)) {
            throw CascadeException.badInput(
                    "scope names environment '" + named + "' but the flags asked for are of '" + environment + "'");
        }
        scope.put("environment", environment);
        return scope;
    }

    /** Each flag document with only the block of {@code environment}: what a host of it sees. */
    private static List<Map<String, Object>> forEnvironment(Documents flags, String environment) {
        List<Map<String, Object>> out = new ArrayList<>(flags.size());
        for (Documents.Entry entry : flags.entries()) {
            Map<String, Object> document = new LinkedHashMap<>(entry.document());
            if (document.get("environments") instanceof Map<?, ?> all) {
                Map<String, Object> mine = new LinkedHashMap<>();
                Object block = all.get(environment);
                if (block != null) {
                    mine.put(environment, block);
                }
                document.put("environments", mine);
            }
            out.add(document);
        }
        return out;
    }
}
