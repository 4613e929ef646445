package io.cascade.server.api;

import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.propagation.HostRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** What an embedded client calls besides its subscriptions: the flags of its environment, and health reports. */
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

    @MutationMapping
    boolean reportHealth(
            @Argument String namespace,
            @Argument String hostId,
            @Argument int revision,
            @Argument Object metrics,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requireEnvironmentRead(actor.principal(), namespace, sdkEnvironment(actor));
        Names.requireHostId(hostId);
        Snapshot head = namespaces.head(namespace);
        if (revision < 1 || revision > head.revision()) {
            throw CascadeException.badInput(
                    "namespace '" + namespace + "' has revisions 1 to " + head.revision() + ", not " + revision);
        }
        if (!(metrics instanceof Map<?, ?> values)) {
            throw CascadeException.badInput(
                    "metrics must be an object: {\"requests\": n, \"errors\": n, \"latencyP99Ms\": x}");
        }
        long requests = count(values, "requests");
        long errors = count(values, "errors");
        if (errors > requests) {
            throw CascadeException.badInput(
                    "metrics.errors (" + errors + ") exceeds metrics.requests (" + requests + ")");
        }
        Object latency = values.get("latencyP99Ms");
        if (latency != null && !(latency instanceof Number number && number.doubleValue() >= 0)) {
            throw CascadeException.badInput("metrics.latencyP99Ms must be a number >= 0, was " + latency);
        }
        hosts.health(
                namespace,
                hostId,
                revision,
                requests,
                errors,
                latency == null ? null : ((Number) latency).doubleValue());
        return true;
    }

    /** An SDK key reports for its own environment; other keys need only see the namespace. */
    private static String sdkEnvironment(Actor actor) {
        return actor.principal().environment();
    }

    private static long count(Map<?, ?> metrics, String name) {
        Object value = metrics.get(name);
        if (!(value instanceof Number number)
                || number.doubleValue() < 0
                || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw CascadeException.badInput("metrics." + name + " must be a whole number >= 0, was " + value);
        }
        return number.longValue();
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
