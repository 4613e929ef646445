package io.cascade.server.api;

import io.cascade.evaluator.rollout.Cohort;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.spi.HostPresence;
import io.cascade.json.RevisionJson;
import io.cascade.json.SnapshotJson;
import io.cascade.server.audit.AuditEntry;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.propagation.HostRegistry;
import io.cascade.server.rollout.RolloutRegistry;
import io.cascade.server.store.RevisionRecord;
import io.cascade.server.store.RevisionStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a standalone subscription gateway reads from a server: snapshots, the revisions after them,
 * every namespace's head, the running config rollouts; and what it reports: which hosts it holds.
 * Platform admin only.
 */
@Controller
class GatewayController {

    /** At most this many revisions per call; a gateway further behind asks again. */
    private static final int MAX_REVISIONS = 200;

    /** At most this many audit steps per call. */
    private static final int MAX_STEPS = 100;

    private final NamespaceSnapshots namespaces;
    private final RevisionStore revisions;
    private final HostRegistry hosts;
    private final SnapshotJson snapshots;
    private final RolloutRegistry rollouts;
    private final AuditTrail audit;
    private final JsonMapper json;

    GatewayController(
            NamespaceSnapshots namespaces,
            RevisionStore revisions,
            HostRegistry hosts,
            JsonMapper json,
            RolloutRegistry rollouts,
            AuditTrail audit) {
        this.rollouts = rollouts;
        this.audit = audit;
        this.json = json;
        this.namespaces = namespaces;
        this.revisions = revisions;
        this.hosts = hosts;
        this.snapshots = new SnapshotJson(json);
    }

    @QueryMapping
    String gatewaySnapshot(
            @Argument String namespace, @Argument Integer revision, @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requirePlatformAdmin(actor.principal());
        return snapshots.write(namespaces.at(namespace, revision));
    }

    @QueryMapping
    List<Map<String, Object>> gatewayRollouts(@ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requirePlatformAdmin(actor.principal());
        rollouts.refreshAll();
        List<Map<String, Object>> out = new ArrayList<>();
        rollouts.configRollouts().forEach((namespace, rollout) -> {
            List<Map<String, Object>> cohorts = new ArrayList<>();
            for (Cohort cohort : rollout.cohorts()) {
                cohorts.add(cohort.toHosts());
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("namespace", namespace);
            item.put("id", rollout.id());
            item.put("baseRevision", rollout.baseRevision());
            item.put("candidateRevision", rollout.candidateRevision());
            item.put("cohorts", cohorts);
            out.add(item);
        });
        return out;
    }

    @QueryMapping
    List<Map<String, Object>> gatewayRevisions(
            @Argument String namespace, @Argument int after, @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requirePlatformAdmin(actor.principal());
        Snapshot head = namespaces.head(namespace);
        if (after < 0 || after > head.revision()) {
            throw CascadeException.badInput("after must be between 0 and " + head.revision() + ", was " + after);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (RevisionRecord record :
                revisions.load(namespace, after, Math.min(head.revision(), after + MAX_REVISIONS))) {
            Map<String, Object> revision = new LinkedHashMap<>(RevisionJson.write(record.toRevision()));
            revision.put("action", record.action());
            revision.put("message", record.message());
            out.add(revision);
        }
        return out;
    }

    /**
     * The audit steps a standalone gateway passes on to {@code namespaceEvents}: the same entries the
     * embedded gateway reads. {@code after} -1 answers the newest entry alone, where a new walk starts.
     */
    @QueryMapping
    List<Map<String, Object>> gatewayAuditSteps(
            @Argument String namespace, @Argument int after, @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requirePlatformAdmin(actor.principal());
        namespaces.head(namespace);
        if (after < -1) {
            throw CascadeException.badInput("after must be -1 or a sequence number, was " + after);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (after == -1) {
            int last = audit.lastSequence(namespace);
            if (last > 0) {
                out.add(step(audit.entriesAfter(namespace, last - 1, 1).get(0)));
            }
            return out;
        }
        for (AuditEntry entry : audit.entriesAfter(namespace, after, MAX_STEPS)) {
            out.add(step(entry));
        }
        return out;
    }

    private Map<String, Object> step(AuditEntry entry) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("sequence", entry.sequence());
        step.put("action", entry.action());
        step.put("actor", entry.actor());
        step.put("at", entry.at().toString());
        step.put("revision", entry.revision());
        if (entry.revision() == null) {
            step.put("target", entry.target() == null ? null : json.readValue(entry.target(), Object.class));
            step.put("state", entry.after() == null ? null : json.readValue(entry.after(), Object.class));
        }
        step.put("message", entry.message());
        return step;
    }

    @QueryMapping
    Map<String, Integer> gatewayHeads(@ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requirePlatformAdmin(actor.principal());
        Map<String, Integer> heads = new LinkedHashMap<>();
        for (Snapshot snapshot : namespaces.all()) {
            heads.put(snapshot.namespace(), snapshot.revision());
        }
        return heads;
    }

    @MutationMapping
    boolean gatewayPresence(
            @Argument List<Map<String, Object>> connected,
            @Argument List<Map<String, Object>> disconnected,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.requirePlatformAdmin(actor.principal());
        List<HostPresence.Host> now = hostsOf(connected);
        List<HostPresence.Host> gone = hostsOf(disconnected);
        if (!now.isEmpty()) {
            hosts.connected(now);
        }
        if (!gone.isEmpty()) {
            hosts.disconnected(gone);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<HostPresence.Host> hostsOf(List<Map<String, Object>> json) {
        List<HostPresence.Host> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        for (Map<String, Object> host : json) {
            if (!(host.get("namespace") instanceof String namespace)
                    || !(host.get("hostId") instanceof String hostId)
                    || !(host.get("scope") instanceof Map<?, ?> scope)) {
                throw CascadeException.badInput("each host needs a namespace, a hostId and a scope object");
            }
            Names.requireName("namespace", namespace);
            Names.requireHostId(hostId);
            out.add(new HostPresence.Host(namespace, hostId, (Map<String, String>) scope));
        }
        return out;
    }
}
