package io.cascade.server.api;

import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Role;
import io.cascade.server.change.EnvironmentPolicy;
import io.cascade.server.change.Policies;
import io.cascade.server.error.CascadeException;
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

    ChangeController(Policies policies) {
        this.policies = policies;
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
