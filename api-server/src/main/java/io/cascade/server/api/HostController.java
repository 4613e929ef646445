package io.cascade.server.api;

import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Role;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.propagation.HostRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The host registry: which hosts exist, run what, and are connected now; and hosts acknowledging a revision. */
@Controller
class HostController {

    private final NamespaceSnapshots namespaces;
    private final HostRegistry hosts;

    HostController(NamespaceSnapshots namespaces, HostRegistry hosts) {
        this.namespaces = namespaces;
        this.hosts = hosts;
    }

    @QueryMapping
    Views.Connection<HostRegistry.Host> hosts(
            @Argument String namespace,
            @Argument Integer first,
            @Argument String after,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        namespaces.head(namespace);
        int size = Views.pageSize(first);
        int from = after == null ? 0 : offset(after);
        List<HostRegistry.Host> all = hosts.list(namespace);
        List<Views.Edge<HostRegistry.Host>> edges = new ArrayList<>();
        for (int i = from; i < Math.min(all.size(), from + size); i++) {
            edges.add(new Views.Edge<>(Views.cursor("host", String.valueOf(i + 1)), all.get(i)));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Views.Connection<>(edges, new Views.PageInfo(from + size < all.size(), end));
    }

    /** A host runs {@code revision} now; the Java client calls this by itself after applying one. */
    @MutationMapping
    boolean reportApplied(
            @Argument String namespace,
            @Argument String hostId,
            @Argument Object scope,
            @Argument int revision,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Snapshot head = headFor(actor, namespace, scope);
        Names.requireHostId(hostId);
        if (revision < 1 || revision > head.revision()) {
            throw CascadeException.badInput(
                    "namespace '" + namespace + "' has revisions 1 to " + head.revision() + ", not " + revision);
        }
        Scope parsed = Names.scope(scope, head.dimensions());
        hosts.applied(namespace, hostId, Names.toJson(parsed, head.dimensions()), revision);
        return true;
    }

    /** The namespace, once the key may act as a host of the scope's environment. */
    private Snapshot headFor(Actor actor, String namespace, Object scope) {
        Object environment = scope instanceof Map<?, ?> map ? map.get("environment") : null;
        Access.requireEnvironmentRead(actor.principal(), namespace, environment instanceof String value ? value : null);
        return namespaces.head(namespace);
    }

    private static int offset(String cursor) {
        try {
            return Integer.parseInt(Views.decodeCursor("host", cursor));
        } catch (NumberFormatException e) {
            throw CascadeException.badInput("cursor '" + cursor + "' is not a host cursor");
        }
    }
}
