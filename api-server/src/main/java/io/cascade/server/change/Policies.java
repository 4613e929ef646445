package io.cascade.server.change;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Role;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and sets environment policies; every change is audited as {@code policy.put}. */
public final class Policies {

    /** The dimension whose values policies protect. */
    public static final String ENVIRONMENT = "environment";

    private static final int MAX_EXPIRY_HOURS = 24 * 365;

    private final PolicyStore store;
    private final NamespaceSnapshots snapshots;
    private final AuditTrail audit;
    private final Clock clock;

    public Policies(PolicyStore store, NamespaceSnapshots snapshots, AuditTrail audit, Clock clock) {
        this.store = store;
        this.snapshots = snapshots;
        this.audit = audit;
        this.clock = clock;
    }

    /** The policies of {@code namespace} by environment (read from the store, so every replica agrees). */
    public Map<String, EnvironmentPolicy> of(String namespace) {
        return store.of(namespace);
    }

    public EnvironmentPolicy put(
            String namespace,
            String environment,
            int requiredApprovals,
            Role approverRole,
            Integer expiresAfterHours,
            Actor actor) {
        Snapshot state = snapshots.head(namespace);
        if (!state.dimensions().contains(ENVIRONMENT)) {
            throw CascadeException.badInput("namespace '" + namespace + "' has no dimension '" + ENVIRONMENT
                    + "' (it has " + state.dimensions() + "), so it has no environments to protect");
        }
        Names.requireDimensionValue("environment", ENVIRONMENT, environment);
        if (requiredApprovals < 0 || requiredApprovals > EnvironmentPolicy.MAX_APPROVALS) {
            throw CascadeException.badInput(
                    "requiredApprovals must be 0-" + EnvironmentPolicy.MAX_APPROVALS + ", was " + requiredApprovals);
        }
        Role role = approverRole == null ? Role.APPROVER : approverRole;
        if (role != Role.APPROVER && role != Role.ADMIN) {
            throw CascadeException.badInput("approverRole must be APPROVER or ADMIN, was " + role);
        }
        if (expiresAfterHours != null && (expiresAfterHours < 1 || expiresAfterHours > MAX_EXPIRY_HOURS)) {
            throw CascadeException.badInput(
                    "expiresAfterHours must be 1-" + MAX_EXPIRY_HOURS + " (or omitted), was " + expiresAfterHours);
        }
        EnvironmentPolicy before = of(namespace).get(environment);
        EnvironmentPolicy policy = new EnvironmentPolicy(
                environment,
                requiredApprovals,
                role,
                expiresAfterHours == null ? null : Duration.ofHours(expiresAfterHours),
                clock.instant(),
                actor.name());
        store.put(namespace, policy);
        audit.append(
                namespace,
                actor,
                new AuditTrail.Event(
                        "policy.put",
                        null,
                        Map.of("environment", environment),
                        before == null ? null : json(before),
                        json(policy),
                        null));
        return policy;
    }

    static Map<String, Object> json(EnvironmentPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requiredApprovals", policy.requiredApprovals());
        out.put("approverRole", policy.approverRole().name());
        out.put("expiresAfterHours", policy.expiresAfterHours());
        return out;
    }

    /** The protected environments among {@code touched}, in name order. */
    static List<EnvironmentPolicy> protectedAmong(Map<String, EnvironmentPolicy> policies, Touched touched) {
        return policies.values().stream()
                .filter(EnvironmentPolicy::isProtected)
                .filter(policy -> touched.touches(policy.environment()))
                .toList();
    }
}
