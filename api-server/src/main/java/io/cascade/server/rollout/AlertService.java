package io.cascade.server.rollout;

import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Principal;
import io.cascade.server.auth.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mass rollback: every firing alert aborts each active rollout the key may write whose {@code
 * abortOnAlert} labels all appear in the alert with equal values, and rolls back each completed one
 * whose {@code rollbackWindowSeconds} after completion have not passed yet. Resolved alerts
 * change nothing; a rollout already aborted is not aborted again, so a repeated payload aborts
 * nothing new.
 */
public final class AlertService {

    private static final long LONGEST_WINDOW_SECONDS = 30L * 24 * 3600;

    private final RolloutService rollouts;

    AlertService(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    /** What one payload aborted. */
    public record Aborted(String namespace, String id) {}

    public List<Aborted> receive(Object payload, Actor actor) {
        List<AlertPayload.Alert> firing = new ArrayList<>();
        for (AlertPayload.Alert alert : AlertPayload.parse(payload)) {
            if (alert.firing()) {
                firing.add(alert);
            }
        }
        List<Aborted> aborted = new ArrayList<>();
        if (firing.isEmpty()) {
            return aborted;
        }
        Instant now = rollouts.clock().instant();
        List<Rollout> candidates = new ArrayList<>(rollouts.store().active(null));
        candidates.addAll(rollouts.store().completedSince(now.minusSeconds(LONGEST_WINDOW_SECONDS)));
        for (Rollout rollout : candidates) {
            if (rollout.aborting() || !mayWrite(actor.principal(), rollout.namespace())) {
                continue;
            }
            RolloutPlan plan = rollout.parsedPlan();
            for (AlertPayload.Alert alert : firing) {
                if (matches(plan.abortOnAlert(), alert.labels()) && concerns(rollout, plan, alert, now)) {
                    String reason = "alert " + alert.name() + " fired with " + plan.abortOnAlert();
                    if (rollouts.abort(rollout, reason, "alert", null, actor) != null) {
                        aborted.add(new Aborted(rollout.namespace(), rollout.id()));
                    }
                    break;
                }
            }
        }
        return aborted;
    }

    private static boolean matches(Map<String, String> wanted, Map<String, String> labels) {
        if (wanted.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> label : wanted.entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Active rollouts always; a completed one when the alert started within its rollback window. */
    private static boolean concerns(Rollout rollout, RolloutPlan plan, AlertPayload.Alert alert, Instant now) {
        if (rollout.state().active()) {
            return true;
        }
        if (rollout.state() != RolloutState.COMPLETED
                || rollout.finishedAt() == null
                || plan.rollbackWindowSeconds() == 0) {
            return false;
        }
        return !now.isAfter(rollout.finishedAt().plusSeconds(plan.rollbackWindowSeconds()));
    }

    private static boolean mayWrite(Principal principal, String namespace) {
        if (principal.platformAdmin()) {
            return true;
        }
        return namespace.equals(principal.namespace())
                && principal.role() != null
                && principal.role().includes(Role.EDITOR);
    }
}
