package io.cascade.server.auth;

/**
 * A key's role in its namespace. {@code ADMIN} ⊃ {@code APPROVER} ⊃ {@code EDITOR} ⊃ {@code
 * VIEWER}; {@code SDK} stands apart: it may only resolve scopes of its environment, evaluate flags
 * there and subscribe to them.
 */
public enum Role {
    VIEWER(1),
    EDITOR(2),
    APPROVER(3),
    ADMIN(4),
    SDK(0);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    /** Whether a key with this role may do what {@code required} may. */
    public boolean includes(Role required) {
        if (this == SDK || required == SDK) {
            return this == required;
        }
        return rank >= required.rank;
    }
}
