package io.cascade.server.api;

import graphql.schema.DataFetchingEnvironment;
import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Role;
import io.cascade.server.change.ChangeRequest;
import io.cascade.server.change.ChangeRequests;
import io.cascade.server.change.EnvironmentPolicy;
import io.cascade.server.change.Policies;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import io.cascade.server.namespace.ChangeOperations;
import io.cascade.server.namespace.Commit;
import io.cascade.server.namespace.NamespaceWriter;
import io.cascade.server.namespace.RevisionDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Environment policies, multi-change commits and change requests over GraphQL. */
@Controller
class ChangeController {

    private final Policies policies;
    private final NamespaceWriter writer;
    private final ChangeRequests requests;

    ChangeController(Policies policies, NamespaceWriter writer, ChangeRequests requests) {
        this.policies = policies;
        this.writer = writer;
        this.requests = requests;
    }

    // ---- policies ----------------------------------------------------------------------------

    @QueryMapping
    List<EnvironmentPolicy> environmentPolicies(@Argument String namespace, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        return List.copyOf(policies.of(namespace).values());
    }

    @MutationMapping
    EnvironmentPolicy putEnvironmentPolicy(
            @Argument String namespace,
            @Argument String environment,
            @Argument Map<String, Object> policy,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return policies.put(
                namespace,
                environment,
                ((Number) policy.get("requiredApprovals")).intValue(),
                role(policy.get("approverRole")),
                policy.get("expiresAfterHours") instanceof Number n ? n.intValue() : null,
                actor);
    }

    @SchemaMapping(typeName = "EnvironmentPolicy", field = "protected")
    boolean isProtected(EnvironmentPolicy policy) {
        return policy.isProtected();
    }

    // ---- multi-change commits ----------------------------------------------------------------

    @QueryMapping
    Views.ValidationReport validateChanges(
            @Argument String namespace, DataFetchingEnvironment env, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        List<Violation> violations = writer.validateChanges(namespace, env.getArgument("changes"));
        return new Views.ValidationReport(violations.isEmpty(), violations);
    }

    @MutationMapping
    Commit commitChanges(
            @Argument String namespace,
            @Argument Integer expectedRevision,
            @Argument String message,
            @Argument String breakGlass,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        Object changes = env.getArgument("changes");
        requireWriter(actor, namespace, changes);
        return writer.commitChanges(namespace, changes, expectedRevision, actor.breakingGlass(breakGlass), message);
    }

    // ---- change requests ---------------------------------------------------------------------

    @QueryMapping
    Views.Connection<ChangeRequest> changeRequests(
            @Argument String namespace,
            @Argument ChangeRequest.State state,
            @Argument Integer first,
            @Argument String after,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        int size = Views.pageSize(first);
        return connection(requests.page(namespace, state, before(after), size + 1), size);
    }

    @QueryMapping
    Views.Connection<ChangeRequest> changeRequestInbox(
            @Argument String namespace, @Argument Integer first, @Argument String after, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        int size = Views.pageSize(first);
        return connection(requests.inbox(namespace, actor, before(after), size + 1), size);
    }

    @QueryMapping
    ChangeRequest changeRequest(@Argument String namespace, @Argument String id, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.VIEWER);
        return requests.get(namespace, id);
    }

    @MutationMapping
    ChangeRequest proposeChange(
            @Argument String namespace,
            @Argument String title,
            @Argument String description,
            @Argument Integer baseRevision,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        Object changes = env.getArgument("changes");
        requireWriter(actor, namespace, changes);
        return requests.propose(namespace, title, description, changes, baseRevision, actor);
    }

    @MutationMapping
    ChangeRequest reviseChange(
            @Argument String namespace,
            @Argument String id,
            @Argument Integer baseRevision,
            DataFetchingEnvironment env,
            @ContextValue Actor actor) {
        Object changes = env.getArgument("changes");
        requireWriter(actor, namespace, changes);
        return requests.revise(namespace, id, changes, baseRevision, actor);
    }

    @MutationMapping
    ChangeRequest approveChange(
            @Argument String namespace, @Argument String id, @Argument String comment, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.APPROVER);
        return requests.approve(namespace, id, comment, actor);
    }

    @MutationMapping
    ChangeRequest rejectChange(
            @Argument String namespace, @Argument String id, @Argument String comment, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return requests.reject(namespace, id, comment, actor);
    }

    @MutationMapping
    ChangeRequest commentChange(
            @Argument String namespace, @Argument String id, @Argument String comment, @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        return requests.comment(namespace, id, comment, actor);
    }

    @MutationMapping
    Commit applyChange(
            @Argument String namespace,
            @Argument String id,
            @Argument Integer expectedRevision,
            @Argument String breakGlass,
            @ContextValue Actor actor) {
        Access.require(actor.principal(), namespace, Role.EDITOR);
        ChangeRequest request = requests.get(namespace, id);
        requireWriter(actor, namespace, request.changes());
        return requests.apply(namespace, id, expectedRevision, actor.breakingGlass(breakGlass));
    }

    @SchemaMapping(typeName = "ChangeRequest")
    RevisionDiff diff(ChangeRequest request) {
        return requests.diff(request);
    }

    @SchemaMapping(typeName = "ChangeRequest")
    List<String> missingApprovals(ChangeRequest request) {
        return requests.missingApprovals(request);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** EDITOR for layers, flags and segments; ADMIN when the changes register a schema. */
    private static void requireWriter(Actor actor, String namespace, Object changes) {
        Access.require(
                actor.principal(), namespace, ChangeOperations.registersSchema(changes) ? Role.ADMIN : Role.EDITOR);
    }

    private static int before(String after) {
        if (after == null) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(Views.decodeCursor("change", after));
        } catch (NumberFormatException e) {
            throw CascadeException.badInput("cursor '" + after + "' is not a change request cursor");
        }
    }

    private static Views.Connection<ChangeRequest> connection(List<ChangeRequest> found, int size) {
        List<Views.Edge<ChangeRequest>> edges = new ArrayList<>();
        for (ChangeRequest request : found.subList(0, Math.min(size, found.size()))) {
            edges.add(new Views.Edge<>(Views.cursor("change", request.id()), request));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Views.Connection<>(edges, new Views.PageInfo(found.size() > size, end));
    }

    private static Role role(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Role.valueOf(value.toString());
        } catch (IllegalArgumentException e) {
            throw CascadeException.badInput("approverRole must be APPROVER or ADMIN, was " + value);
        }
    }
}
