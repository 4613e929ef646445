package io.cascade.server.api;

import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.propagation.HostRegistry;
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

    HostClientController(NamespaceSnapshots namespaces, HostRegistry hosts) {
        this.namespaces = namespaces;
        this.hosts = hosts;
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
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requireEnvironmentRead(actor.principal(), namespace, environment);
        if (hostId != null) {
            Names.requireHostId(hostId);
        }
        Snapshot head = namespaces.head(namespace);
        return new FlagSnapshot(
                namespace,
                environment,
                head.revision(),
                forEnvironment(head.flags(), environment),
                head.segments().documents(),
                head.attributes());
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
