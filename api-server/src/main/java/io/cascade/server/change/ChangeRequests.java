package io.cascade.server.change;

import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Principal;
import io.cascade.server.auth.Role;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.ChangeTarget;
import io.cascade.server.namespace.Commit;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.NamespaceWriter;
import io.cascade.server.namespace.RevisionDiff;
import io.cascade.server.namespace.RevisionHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The life of change requests: proposed (validated at once, like a direct write), revised (every
 * approval dismissed), approved by others than the author, rejected, and applied as one revision
 * once every protected environment it touches has its approvals. Each step is in the namespace's
 * audit chain.
 *
 * <p>For features that commit an approved change request in their own way (a rollout), {@link
 * #approvedChanges} gives its validated changes against a state, refusing as {@link #apply} would,
 * and {@link #markApplied} records the revision that committed them.
 */
public final class ChangeRequests {

    private static final int MAX_TITLE = 200;
    private static final int MAX_TEXT = 10_000;
    private static final int MAX_ATTEMPTS = 10;

    private final ChangeRequestStore store;
    private final PolicyStore policies;
    private final NamespaceSnapshots snapshots;
    private final NamespaceWriter writer;
    private final RevisionHistory history;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Object> applyLocks = new ConcurrentHashMap<>();

    public ChangeRequests(
            ChangeRequestStore store,
            PolicyStore policies,
            NamespaceSnapshots snapshots,
            NamespaceWriter writer,
            RevisionHistory history,
            AuditTrail audit,
            Clock clock) {
        this.store = store;
        this.policies = policies;
        this.snapshots = snapshots;
        this.writer = writer;
        this.history = history;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- reads -------------------------------------------------------------------------------

    public ChangeRequest get(String namespace, String id) {
        snapshots.head(namespace);
        return require(namespace, id);
    }

    /** Up to {@code limit} requests numbered below {@code before}, newest first. */
    public List<ChangeRequest> page(String namespace, ChangeRequest.State state, int before, int limit) {
        snapshots.head(namespace);
        return store.page(namespace, state, before, limit);
    }

    /** The open requests waiting for {@code actor}'s approval, newest first. */
    public List<ChangeRequest> inbox(String namespace, Actor actor, int before, int limit) {
        List<ChangeRequest> out = new ArrayList<>();
        int from = before;
        Map<String, EnvironmentPolicy> current = policies.of(namespace);
        Instant now = clock.instant();
        while (out.size() < limit) {
            List<ChangeRequest> page = page(namespace, ChangeRequest.State.OPEN, from, 100);
            for (ChangeRequest request : page) {
                if (out.size() < limit && waitsFor(request, actor.principal(), current, now)) {
                    out.add(request);
                }
            }
            if (page.size() < 100) {
                break;
            }
            from = page.get(page.size() - 1).number();
        }
        return out;
    }

    private static boolean waitsFor(
            ChangeRequest request, Principal principal, Map<String, EnvironmentPolicy> current, Instant now) {
        if (request.expired(now)
                || principal.keyId().equals(request.authorKeyId())
                || request.approvals().stream().anyMatch(a -> a.keyId().equals(principal.keyId()))) {
            return false;
        }
        Role role = roleOf(principal);
        for (String environment : request.environments()) {
            EnvironmentPolicy policy = current.get(environment);
            if (policy != null
                    && policy.isProtected()
                    && role.includes(policy.approverRole())
                    && counted(request, policy) < policy.requiredApprovals()) {
                return true;
            }
        }
        return false;
    }

    /** What applying it would change, against the current head. */
    public RevisionDiff diff(ChangeRequest request) {
        Snapshot head = snapshots.head(request.namespace());
        List<Change> changes = writer.planChanges(head, request.changes());
        return RevisionHistory.diff(head, writer.after(head, changes));
    }

    /** What still keeps it from being applied under the current policies: one line per environment. */
    public List<String> missingApprovals(ChangeRequest request) {
        if (request.state() != ChangeRequest.State.OPEN) {
            return List.of();
        }
        Map<String, EnvironmentPolicy> current = policies.of(request.namespace());
        List<String> missing = new ArrayList<>();
        for (String environment : request.environments()) {
            EnvironmentPolicy policy = current.get(environment);
            if (policy != null) {
                missingOf(request, policy, missing);
            }
        }
        return missing;
    }

    // ---- steps -------------------------------------------------------------------------------

    public ChangeRequest propose(
            String namespace, String title, String description, Object changes, Integer baseRevision, Actor actor) {
        requireText("title", title, 1, MAX_TITLE, false);
        if (description != null) {
            requireText("description", description, 0, MAX_TEXT, true);
        }
        Snapshot head = snapshots.head(namespace);
        int base = baseRevision == null ? head.revision() : baseRevision;
        if (base < 1 || base > head.revision()) {
            throw CascadeException.badInput(
                    "baseRevision must be between 1 and the latest revision " + head.revision() + ", was " + base);
        }
        List<Change> planned = writer.planChanges(head, changes);
        List<EnvironmentPolicy> hit = touchedPolicies(head, planned);
        Instant now = clock.instant();
        ChangeRequest request = store.insert(new ChangeRequest(
                namespace,
                0,
                title,
                description,
                ChangeRequest.State.OPEN,
                actor.name(),
                actor.keyId(),
                base,
                changes,
                List.of(),
                List.of(),
                environments(hit),
                required(hit),
                null,
                now,
                now,
                expiry(hit, now),
                0));
        record(
                actor,
                request,
                "change.propose",
                null,
                Map.of("changes", changes, "environments", request.environments(), "baseRevision", base),
                description);
        return request;
    }

    /** New changes (and optionally a new base); dismisses every approval. Only the author or an ADMIN. */
    public ChangeRequest revise(String namespace, String id, Object changes, Integer baseRevision, Actor actor) {
        Snapshot head = snapshots.head(namespace);
        List<Change> planned = writer.planChanges(head, changes);
        List<EnvironmentPolicy> hit = touchedPolicies(head, planned);
        ChangeRequest[] before = new ChangeRequest[1];
        ChangeRequest revised = update(namespace, id, request -> {
            requireOpen(request);
            if (!actor.keyId().equals(request.authorKeyId())
                    && !roleOf(actor.principal()).includes(Role.ADMIN)) {
                throw forbidden("only the author or an ADMIN may revise change request " + request.id());
            }
            int base = baseRevision == null ? request.baseRevision() : baseRevision;
            if (base < 1 || base > head.revision()) {
                throw CascadeException.badInput(
                        "baseRevision must be between 1 and the latest revision " + head.revision() + ", was " + base);
            }
            before[0] = request;
            Instant now = clock.instant();
            return request.revised(
                    changes,
                    base,
                    environments(hit),
                    required(hit),
                    comment(
                            request,
                            actor,
                            now,
                            "revise",
                            "revised; " + request.approvals().size() + " approval(s) dismissed"),
                    now,
                    expiry(hit, now));
        });
        record(
                actor,
                revised,
                "change.revise",
                Map.of("changes", before[0].changes(), "approvals", approvers(before[0])),
                Map.of("changes", changes, "environments", revised.environments()),
                "approvals dismissed: " + before[0].approvals().size());
        return revised;
    }

    /** One approval per approver, never the author's; the role must be one the touched environments accept. */
    public ChangeRequest approve(String namespace, String id, String comment, Actor actor) {
        requireComment(comment);
        Map<String, EnvironmentPolicy> current = policies.of(namespace);
        ChangeRequest approved = update(namespace, id, request -> {
            requireOpen(request);
            requireNotExpired(request);
            if (actor.keyId().equals(request.authorKeyId())) {
                throw forbidden("the author of change request " + request.id() + " may not approve it");
            }
            if (request.approvals().stream().anyMatch(a -> a.keyId().equals(actor.keyId()))) {
                throw CascadeException.conflict(
                        "this key already approved change request " + request.id(), Map.of("id", request.id()));
            }
            Role role = roleOf(actor.principal());
            List<String> refusing = new ArrayList<>();
            for (String environment : request.environments()) {
                EnvironmentPolicy policy = current.get(environment);
                if (policy != null && !role.includes(policy.approverRole())) {
                    refusing.add(environment + " (needs " + policy.approverRole() + ")");
                }
            }
            if (!refusing.isEmpty() && refusing.size() == request.environments().size()) {
                throw forbidden("approvals of " + refusing + " need a higher role than " + role);
            }
            List<ChangeRequest.Approval> approvals = new ArrayList<>(request.approvals());
            Instant now = clock.instant();
            approvals.add(new ChangeRequest.Approval(actor.name(), actor.keyId(), role.name(), now, comment));
            return request.with(
                    request.state(), approvals, comment(request, actor, clock.instant(), "approve", comment), now);
        });
        record(actor, approved, "change.approve", null, Map.of("approvals", approvers(approved)), comment);
        return approved;
    }

    /** Closes it without applying: an APPROVER or above, or its author withdrawing it. */
    public ChangeRequest reject(String namespace, String id, String comment, Actor actor) {
        requireComment(comment);
        ChangeRequest rejected = update(namespace, id, request -> {
            requireOpen(request);
            if (!actor.keyId().equals(request.authorKeyId())
                    && !roleOf(actor.principal()).includes(Role.APPROVER)) {
                throw forbidden("rejecting needs role APPROVER, unless you are the author");
            }
            return request.with(
                    ChangeRequest.State.REJECTED,
                    request.approvals(),
                    comment(request, actor, clock.instant(), "reject", comment),
                    clock.instant());
        });
        record(actor, rejected, "change.reject", null, Map.of("state", "REJECTED"), comment);
        return rejected;
    }

    public ChangeRequest comment(String namespace, String id, String text, Actor actor) {
        requireText("comment", text, 1, MAX_TEXT, true);
        ChangeRequest commented = update(
                namespace,
                id,
                request -> request.with(
                        request.state(),
                        request.approvals(),
                        comment(request, actor, clock.instant(), "comment", text),
                        clock.instant()));
        record(actor, commented, "change.comment", null, null, text);
        return commented;
    }

    /**
     * Commits all of its changes as one revision (action {@code change.apply}); re-validated
     * against the latest state. {@code APPROVAL_REQUIRED} until each touched protected environment
     * has its approvals (unless the platform admin breaks glass), {@code CONFLICT} when an object it
     * changes was changed after its base revision.
     */
    public Commit apply(String namespace, String id, Integer expectedRevision, Actor actor) {
        ChangeRequest request = get(namespace, id);
        synchronized (applyLocks.computeIfAbsent(namespace + "/" + request.number(), key -> new Object())) {
            List<String> brokeGlassFor = new ArrayList<>();
            Commit commit = writer.commitApproved(
                    namespace,
                    expectedRevision,
                    actor,
                    "change.apply",
                    "change request " + request.id() + ": " + request.title(),
                    state -> approvedChanges(namespace, request.id(), state, actor, brokeGlassFor));
            markApplied(namespace, request.id(), commit.revision(), actor);
            if (!brokeGlassFor.isEmpty()) {
                audit.append(
                        namespace,
                        actor,
                        ProtectedEnvironments.breakGlassEvent(commit.revision(), brokeGlassFor, actor.breakGlass()));
            }
            return commit;
        }
    }

    /**
     * The changes of an open change request, validated against {@code state}: refused with {@code
     * APPROVAL_REQUIRED} while a touched protected environment lacks approvals, {@code CONFLICT} when
     * something it changes changed after its base revision or it expired, and the validation errors
     * of a direct write when it no longer validates. The caller commits them and then calls {@link
     * #markApplied}.
     */
    public List<Change> approvedChanges(String namespace, String id, Snapshot state, Actor actor) {
        return approvedChanges(namespace, id, state, actor, new ArrayList<>());
    }

    private List<Change> approvedChanges(
            String namespace, String id, Snapshot state, Actor actor, List<String> brokeGlassFor) {
        ChangeRequest request = require(namespace, id);
        requireOpen(request);
        boolean breakGlass = actor.breakGlass() != null;
        if (!breakGlass) {
            requireNotExpired(request);
        }
        List<Change> changes = writer.planChanges(state, request.changes());
        requireNoConflict(request, changes, state);
        List<EnvironmentPolicy> hit = touchedPolicies(state, changes);
        List<String> missing = new ArrayList<>();
        hit.forEach(policy -> missingOf(request, policy, missing));
        if (missing.isEmpty()) {
            return changes;
        }
        if (!breakGlass) {
            throw new CascadeException(
                    ApiErrorCode.APPROVAL_REQUIRED,
                    "change request " + request.id() + " lacks approvals: " + String.join("; ", missing),
                    Map.of("missing", missing));
        }
        ProtectedEnvironments.requireBreakGlass(actor);
        brokeGlassFor.clear();
        brokeGlassFor.addAll(environments(hit));
        return changes;
    }

    /** Records that {@code revision} committed the change request's changes. */
    public ChangeRequest markApplied(String namespace, String id, int revision, Actor actor) {
        return update(
                namespace,
                id,
                request -> request.applied(
                        revision,
                        comment(request, actor, clock.instant(), "apply", "applied as revision " + revision),
                        clock.instant()));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void requireNoConflict(ChangeRequest request, List<Change> changes, Snapshot state) {
        Map<String, Integer> changed =
                history.changedSince(request.namespace(), request.baseRevision(), state.revision());
        Map<String, Integer> conflicts = new LinkedHashMap<>();
        for (Change change : changes) {
            String target = ChangeTarget.of(change);
            Integer revision = changed.get(target);
            if (revision != null) {
                conflicts.put(target, revision);
            }
        }
        if (!conflicts.isEmpty()) {
            List<String> lines = new ArrayList<>();
            conflicts.forEach((target, revision) -> lines.add(target + " changed in revision " + revision));
            throw CascadeException.conflict(
                    "change request " + request.id() + " is based on revision " + request.baseRevision()
                            + ", and since then " + String.join(", ", lines)
                            + "; revise it against the latest revision",
                    Map.of("conflicts", lines, "baseRevision", request.baseRevision()));
        }
    }

    private List<EnvironmentPolicy> touchedPolicies(Snapshot state, List<Change> changes) {
        return Policies.protectedAmong(policies.of(state.namespace()), Touched.of(state, changes));
    }

    private static void missingOf(ChangeRequest request, EnvironmentPolicy policy, List<String> out) {
        int have = counted(request, policy);
        if (have < policy.requiredApprovals()) {
            out.add(policy.environment() + " needs " + policy.requiredApprovals() + " approval(s) from "
                    + policy.approverRole() + " or above, has " + have);
        }
    }

    private static int counted(ChangeRequest request, EnvironmentPolicy policy) {
        return (int) request.approvals().stream()
                .filter(a -> !a.keyId().equals(request.authorKeyId()))
                .filter(a -> Role.valueOf(a.role()).includes(policy.approverRole()))
                .count();
    }

    private static List<String> environments(List<EnvironmentPolicy> hit) {
        return hit.stream().map(EnvironmentPolicy::environment).toList();
    }

    private static int required(List<EnvironmentPolicy> hit) {
        return hit.stream().mapToInt(EnvironmentPolicy::requiredApprovals).max().orElse(0);
    }

    private static Instant expiry(List<EnvironmentPolicy> hit, Instant from) {
        return hit.stream()
                .map(EnvironmentPolicy::expiresAfter)
                .filter(java.util.Objects::nonNull)
                .min(Duration::compareTo)
                .map(from::plus)
                .orElse(null);
    }

    private ChangeRequest update(String namespace, String id, UnaryOperator<ChangeRequest> change) {
        for (int attempt = 1; ; attempt++) {
            ChangeRequest current = require(namespace, id);
            ChangeRequest stored = store.replace(current, change.apply(current));
            if (stored != null) {
                return stored;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw CascadeException.conflict(
                        "change request " + id + " is changing too fast; try again", Map.of("id", id));
            }
        }
    }

    private ChangeRequest require(String namespace, String id) {
        ChangeRequest request = null;
        if (id != null && id.matches("[1-9][0-9]{0,8}")) {
            request = store.find(namespace, Integer.parseInt(id));
        }
        if (request == null) {
            throw CascadeException.notFound("namespace '" + namespace + "' has no change request '" + id + "'");
        }
        return request;
    }

    private static void requireOpen(ChangeRequest request) {
        if (request.state() != ChangeRequest.State.OPEN) {
            throw CascadeException.conflict(
                    "change request " + request.id() + " is " + request.state()
                            + (request.appliedRevision() == null ? "" : " (revision " + request.appliedRevision() + ")")
                            + ", no longer open",
                    Map.of("id", request.id(), "state", request.state().name()));
        }
    }

    private void requireNotExpired(ChangeRequest request) {
        if (request.expired(clock.instant())) {
            throw CascadeException.conflict(
                    "change request " + request.id() + " expired at " + request.expiresAt() + "; revise it to renew it",
                    Map.of("id", request.id(), "expiresAt", request.expiresAt().toString()));
        }
    }

    private static List<ChangeRequest.Comment> comment(
            ChangeRequest request, Actor actor, Instant at, String kind, String text) {
        List<ChangeRequest.Comment> comments = new ArrayList<>(request.comments());
        comments.add(new ChangeRequest.Comment(actor.name(), actor.keyId(), kind, at, text));
        return comments;
    }

    private static List<String> approvers(ChangeRequest request) {
        return request.approvals().stream().map(ChangeRequest.Approval::actor).toList();
    }

    private void record(
            Actor actor, ChangeRequest request, String action, Object before, Object after, String message) {
        audit.append(
                request.namespace(),
                actor,
                new AuditTrail.Event(
                        action,
                        request.appliedRevision(),
                        Map.of("changeRequest", request.id(), "title", request.title()),
                        before,
                        after,
                        message));
    }

    static Role roleOf(Principal principal) {
        return principal.platformAdmin() ? Role.ADMIN : principal.role();
    }

    private static void requireComment(String comment) {
        if (comment != null) {
            requireText("comment", comment, 0, MAX_TEXT, true);
        }
    }

    private static void requireText(String what, String text, int min, int max, boolean multiline) {
        if (text == null || text.strip().length() < min || text.length() > max) {
            throw CascadeException.badInput(what + " must be " + min + "-" + max + " characters");
        }
        if (!Names.isPrintable(text, multiline)) {
            throw CascadeException.badInput(what + " contains control or bidi characters");
        }
    }

    private static CascadeException forbidden(String message) {
        return new CascadeException(ApiErrorCode.FORBIDDEN, message);
    }
}
