package io.cascade.server.change;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A proposed set of changes to a namespace, reviewed before it is applied as one revision. {@code
 * changes} is the JSON list of operations as proposed (or last revised); {@code environments} the
 * protected environments it touches and {@code requiredApprovals} the most any of them needs.
 * {@code version} counts the stored updates, for compare-and-set.
 */
public record ChangeRequest(
        String namespace,
        int number,
        String title,
        String description,
        State state,
        String author,
        String authorKeyId,
        int baseRevision,
        Object changes,
        List<Approval> approvals,
        List<Comment> comments,
        List<String> environments,
        int requiredApprovals,
        Integer appliedRevision,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        int version) {

    public enum State {
        OPEN,
        APPLIED,
        REJECTED
    }

    /** An approval; {@code role} is the approver's role when they approved. */
    public record Approval(String actor, String keyId, String role, Instant at, String comment) {}

    /** A step of the review: {@code comment}, {@code approve}, {@code reject}, {@code revise}, {@code apply}. */
    public record Comment(String actor, String keyId, String kind, Instant at, String text) {}

    public ChangeRequest {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(state, "state");
        approvals = List.copyOf(approvals);
        comments = List.copyOf(comments);
        environments = List.copyOf(environments);
    }

    public String id() {
        return String.valueOf(number);
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    ChangeRequest with(State newState, List<Approval> newApprovals, List<Comment> newComments, Instant at) {
        return new ChangeRequest(
                namespace,
                number,
                title,
                description,
                newState,
                author,
                authorKeyId,
                baseRevision,
                changes,
                newApprovals,
                newComments,
                environments,
                requiredApprovals,
                appliedRevision,
                createdAt,
                at,
                expiresAt,
                version);
    }

    ChangeRequest applied(int revision, List<Comment> newComments, Instant at) {
        return new ChangeRequest(
                namespace,
                number,
                title,
                description,
                State.APPLIED,
                author,
                authorKeyId,
                baseRevision,
                changes,
                approvals,
                newComments,
                environments,
                requiredApprovals,
                revision,
                createdAt,
                at,
                expiresAt,
                version);
    }

    ChangeRequest revised(
            Object newChanges,
            int newBase,
            List<String> newEnvironments,
            int newRequired,
            List<Comment> newComments,
            Instant at,
            Instant newExpiry) {
        return new ChangeRequest(
                namespace,
                number,
                title,
                description,
                state,
                author,
                authorKeyId,
                newBase,
                newChanges,
                List.of(),
                newComments,
                newEnvironments,
                newRequired,
                appliedRevision,
                createdAt,
                at,
                newExpiry,
                version);
    }
}
