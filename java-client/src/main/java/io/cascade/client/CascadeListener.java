package io.cascade.client;

/**
 * Hears what the client applies and what goes wrong. Called on the client's one listener thread, in
 * order: {@link #onChange} once per newer revision applied (a revision that changes both config and
 * flags may come as two calls, one per part). A listener that throws is logged and does not stop
 * the others.
 */
@FunctionalInterface
public interface CascadeListener {

    /** A newer revision was applied. */
    void onChange(ConfigChange change);

    /** Something failed (a lost subscription, a refused request); the client keeps serving what it holds. */
    default void onError(String message) {}

    /** The connection state changed. */
    default void onConnectionState(ConnectionState state) {}
}
