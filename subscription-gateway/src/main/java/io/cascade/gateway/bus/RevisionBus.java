package io.cascade.gateway.bus;

import java.util.function.Consumer;

/**
 * Announces committed revisions to every process that serves them: Redis pub/sub across processes,
 * or nothing to do when there is one. At most once: a receiver that misses an announcement finds
 * the revision at the next periodic check of the store, or with the next announcement of the same
 * namespace (it catches up on everything newer than what it holds).
 */
public interface RevisionBus extends AutoCloseable {

    /** A namespace has reached {@code revision}, committed at {@code committedAtMillis}. */
    record Announcement(String namespace, int revision, long committedAtMillis) {}

    void publish(Announcement announcement);

    /** {@code listener} runs on the bus's own thread, never on a network thread; it may block briefly. */
    void subscribe(Consumer<Announcement> listener);

    /** {@code action} runs after the connection came back: announcements may have been missed meanwhile. */
    void onReconnect(Runnable action);

    /** Whether announcements are flowing now. */
    boolean connected();

    @Override
    void close();
}
