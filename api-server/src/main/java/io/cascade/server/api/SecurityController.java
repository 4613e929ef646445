package io.cascade.server.api;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.audit.AuditEntry;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.ApiKey;
import io.cascade.server.auth.KeyService;
import io.cascade.server.auth.Principal;
import io.cascade.server.auth.Role;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;

/** Keys, the caller's identity and the audit trail over GraphQL. */
@Controller
class SecurityController {

    private final KeyService keys;
    private final AuditTrail audit;
    private final NamespaceSnapshots namespaces;
    private final JsonMapper json;

    SecurityController(KeyService keys, AuditTrail audit, NamespaceSnapshots namespaces, JsonMapper json) {
        this.keys = keys;
        this.audit = audit;
        this.namespaces = namespaces;
        this.json = json;
    }

    @QueryMapping
    Principal whoami(@ContextValue Actor actor) {
        return actor.principal();
    }

    @QueryMapping
    List<ApiKey> apiKeys(@Argument String namespace, @ContextValue Actor actor) {
        if (namespace == null) {
            Access.requirePlatformAdmin(actor.principal());
            return keys.list(null);
        }
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return keys.list(namespace);
    }

    @MutationMapping
    Views.CreatedKey createApiKey(
            @Argument String namespace,
            @Argument Role role,
            @Argument String environment,
            @Argument String description,
            @ContextValue Actor actor) {
        if (namespace == null) {
            Access.requirePlatformAdmin(actor.principal());
        } else {
            Access.require(actor.principal(), namespace, Role.ADMIN);
            Snapshot state = namespaces.head(namespace);
            if (environment != null) {
                if (!state.dimensions().contains("environment")) {
                    throw CascadeException.badInput("namespace '" + namespace + "' has no environment dimension");
                }
                Names.scope(Map.of("environment", environment), state.dimensions());
            }
        }
        KeyService.Created created = keys.create(actor, namespace, role, environment, description);
        return new Views.CreatedKey(created.key().id(), created.secret(), created.key());
    }

    @MutationMapping
    ApiKey revokeApiKey(@Argument String id, @Argument String message, @ContextValue Actor actor) {
        ApiKey key = keys.get(id);
        if (key.platformAdmin()) {
            Access.requirePlatformAdmin(actor.principal());
        } else {
            if (!Access.canSee(actor.principal(), key.namespace())) {
                throw CascadeException.notFound("no key " + id);
            }
            Access.require(actor.principal(), key.namespace(), Role.ADMIN);
        }
        return keys.revoke(actor, key, message);
    }

    @QueryMapping
    Views.Connection<AuditEntry> auditLog(
            @Argument String namespace,
            @Argument Integer first,
            @Argument String after,
            @Argument String actor,
            @Argument String action,
            @Argument Instant since,
            @Argument Instant until,
            @ContextValue("actor") Actor caller) {
        requireAuditAccess(caller, namespace);
        int size = Views.pageSize(first);
        int before = after == null ? Integer.MAX_VALUE : sequenceCursor(after);
        List<AuditEntry> entries = audit.page(namespace, before, size + 1, actor, action, since, until);
        boolean more = entries.size() > size;
        List<Views.Edge<AuditEntry>> edges = new ArrayList<>();
        for (AuditEntry entry : entries.subList(0, Math.min(size, entries.size()))) {
            edges.add(new Views.Edge<>(Views.cursor("audit", String.valueOf(entry.sequence())), entry));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Views.Connection<>(edges, new Views.PageInfo(more, end));
    }

    @QueryMapping
    AuditTrail.Verification verifyAudit(@Argument String namespace, @ContextValue Actor actor) {
        requireAuditAccess(actor, namespace);
        int head = AuditTrail.PLATFORM.equals(namespace)
                ? 0
                : namespaces.head(namespace).revision();
        return audit.verify(namespace, head);
    }

    @SchemaMapping(typeName = "AuditEntry")
    Object target(AuditEntry entry) {
        return parse(entry.target());
    }

    @SchemaMapping(typeName = "AuditEntry")
    Object before(AuditEntry entry) {
        return parse(entry.before());
    }

    @SchemaMapping(typeName = "AuditEntry")
    Object after(AuditEntry entry) {
        return parse(entry.after());
    }

    private Object parse(String text) {
        return text == null ? null : json.readValue(text, Object.class);
    }

    private void requireAuditAccess(Actor actor, String namespace) {
        if (AuditTrail.PLATFORM.equals(namespace)) {
            Access.requirePlatformAdmin(actor.principal());
            return;
        }
        Access.require(actor.principal(), namespace, Role.VIEWER);
        namespaces.head(namespace);
    }

    private static int sequenceCursor(String cursor) {
        try {
            return Integer.parseInt(Views.decodeCursor("audit", cursor));
        } catch (NumberFormatException e) {
            throw CascadeException.badInput("cursor '" + cursor + "' is not an audit cursor");
        }
    }
}
