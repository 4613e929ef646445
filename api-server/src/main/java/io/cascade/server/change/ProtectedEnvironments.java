package io.cascade.server.change;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.WriteGuard;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses direct writes that touch a protected environment with {@code APPROVAL_REQUIRED}, whoever
 * sends them. The one way around it is the platform admin's break-glass: a write that carries a
 * reason goes through, and is recorded as a {@code policy.break-glass} audit entry (with the
 * reason, the environments and the revision) besides the revision's own entry, and logged as a
 * warning.
 */
public final class ProtectedEnvironments implements WriteGuard {

    private static final Logger log = LoggerFactory.getLogger(ProtectedEnvironments.class);

    public static final String BREAK_GLASS = "policy.break-glass";

    private final PolicyStore policies;

    public ProtectedEnvironments(PolicyStore policies) {
        this.policies = policies;
    }

    @Override
    public List<AuditTrail.Event> check(Snapshot state, List<Change> changes, Actor actor, int revision) {
        Touched touched = Touched.of(state, changes);
        if (!touched.all() && touched.named().isEmpty()) {
            return List.of();
        }
        List<EnvironmentPolicy> hit = Policies.protectedAmong(policies.of(state.namespace()), touched);
        if (hit.isEmpty()) {
            return List.of();
        }
        List<String> environments =
                hit.stream().map(EnvironmentPolicy::environment).toList();
        if (actor.breakGlass() == null) {
            throw new CascadeException(
                    ApiErrorCode.APPROVAL_REQUIRED,
                    "this change touches protected environment(s) " + environments
                            + ": propose it as a change request (proposeChange) and have it approved",
                    Map.of("environments", environments));
        }
        requireBreakGlass(actor);
        log.warn(
                "BREAK-GLASS by {} in {} revision {} touching {}: {}",
                actor.name(),
                state.namespace(),
                revision,
                environments,
                actor.breakGlass());
        return List.of(breakGlassEvent(revision, environments, actor.breakGlass()));
    }

    static AuditTrail.Event breakGlassEvent(int revision, List<String> environments, String reason) {
        return new AuditTrail.Event(
                BREAK_GLASS, revision, Map.of("environments", environments), null, null, "BREAK-GLASS: " + reason);
    }

    /** Only the platform admin may break glass, and only with a reason. */
    static void requireBreakGlass(Actor actor) {
        if (!actor.principal().platformAdmin()) {
            throw new CascadeException(
                    ApiErrorCode.FORBIDDEN, "only the platform admin key may break glass on a protected environment");
        }
        String reason = actor.breakGlass();
        if (reason.isBlank() || reason.length() > 1000 || !Names.isPrintable(reason, true)) {
            throw CascadeException.badInput(
                    "breakGlass needs a reason: 1-1000 characters, no control or bidi characters");
        }
    }
}
