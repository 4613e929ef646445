package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.store.RevisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each revision this process learns of to the {@link RevisionListener}s, off the write path.
 *
 * <p>NOTES. {@link #publish} is called while the namespace is locked, at the moment its head moves
 * forward, once per revision; it only enqueues. One thread delivers in queue order, so per
 * namespace the order is the revision order, and a slow listener delays other listeners but never a
 * write. Each listener call is isolated: one that throws does not stop the others.
 */
public final class RevisionEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevisionEvents.class);

    private record Event(RevisionRecord record, Snapshot after, boolean committedHere) {}

    private final List<RevisionListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final Durable durable;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * {@code durable} returns once every write this process made is on disk; it runs before each
     * batch is delivered, so no listener (nor anything it tells) ever sees a revision that a crash
     * could still take back.
     */
    public RevisionEvents(Durable durable) {
        this.durable = durable;
        thread = new Thread(this::deliver, "cascade-revision-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once every write this process made is on disk. */
    @FunctionalInterface
    public interface Durable {
        void await() throws InterruptedException;
    }

    public void subscribe(RevisionListener listener) {
        listeners.add(listener);
    }

    /** Queues the revision for delivery; the caller holds the namespace's lock. */
    void publish(RevisionRecord record, Snapshot after, boolean committedHere) {
        if (!closed) {
            queue.add(new Event(record, after, committedHere));
        }
    }

    /** How many revisions wait for delivery. */
    public int backlog() {
        return queue.size();
    }

    private void deliver() {
        List<Event> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch);
                awaitDurable();
            } catch (InterruptedException e) {
                return;
            }
            batch.forEach(this::deliver);
            batch.clear();
        }
    }

    /** Retries until the store confirms: delivering earlier could announce a revision that is lost. */
    private void awaitDurable() throws InterruptedException {
        for (long pause = 100; ; pause = Math.min(pause * 2, 5_000)) {
            try {
                durable.await();
                return;
            } catch (RuntimeException e) {
                log.warn("Revisions wait for the store to confirm they are durable: {}", e.toString());
                Thread.sleep(pause);
            }
        }
    }

    private void deliver(Event event) {
        for (RevisionListener listener : listeners) {
            try {
                listener.revision(event.record(), event.after(), event.committedHere());
            } catch (RuntimeException | LinkageError | AssertionError e) {
                log.warn(
                        "Revision listener failed for {} revision {}: {}",
                        event.record().namespace(),
                        event.record().revision(),
                        e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
