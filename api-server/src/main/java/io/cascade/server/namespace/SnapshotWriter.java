package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.store.RevisionRecord;
import io.cascade.server.store.SnapshotStore;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a copy of a namespace's snapshot every {@value #INTERVAL} revisions, so that start-up
 * reads a copy and a short tail of revisions rather than the whole history.
 *
 * <p>Off the write path and off the events thread: copies are written by a thread of their own,
 * and a namespace that moves on while its copy waits has only its newest snapshot written. A clean
 * stop stores a copy of every namespace that moved since its last one ({@link #checkpoint}).
 */
public final class SnapshotWriter implements RevisionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWriter.class);
    /** Revisions between stored copies: start-up reads at most this many revisions per namespace. */
    public static final int INTERVAL = 32;

    private final SnapshotStore store;
    private final Map<String, Integer> stored = new ConcurrentHashMap<>();
    private final Map<String, Snapshot> pending = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cascade-snapshot-writer");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    public SnapshotWriter(SnapshotStore store) {
        this.store = store;
    }

    /** Records that a copy of {@code namespace} as of {@code revision} is stored (found at start). */
    public void storedAt(String namespace, int revision) {
        stored.merge(namespace, revision, Math::max);
    }

    @Override
    public void revision(RevisionRecord record, Snapshot after, boolean committedHere) {
        if (after.revision() - stored.getOrDefault(after.namespace(), 0) >= INTERVAL) {
            saveLater(after);
        }
    }

    /** Queues a copy of {@code snapshot}; a newer one of the same namespace queued later replaces it. */
    public void saveLater(Snapshot snapshot) {
        if (pending.put(snapshot.namespace(), snapshot) == null) {
            writer.execute(() -> save(snapshot.namespace()));
        }
    }

    private void save(String namespace) {
        Snapshot latest = pending.remove(namespace);
        if (latest == null) {
            return;
        }
        try {
            if (store.save(latest)) {
                storedAt(namespace, latest.revision());
            }
        } catch (RuntimeException e) {
            log.warn("Could not store the snapshot of {} at {}: {}", namespace, latest.revision(), e.toString());
        }
    }

    /**
     * Stores a copy of every namespace whose stored copy is behind {@code heads}, now, on the
     * caller's thread, for at most {@code budget}: on a clean stop, so the next start reads copies
     * and no tails. Returns how many were stored.
     */
    public int checkpoint(Collection<Snapshot> heads, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int saved = 0;
        for (Snapshot head : heads) {
            if (stored.getOrDefault(head.namespace(), 0) >= head.revision()) {
                continue;
            }
            if (System.nanoTime() > deadline) {
                log.info("Stopped storing snapshot copies after {}: the next start reads the rest's revisions", budget);
                break;
            }
            try {
                if (store.save(head)) {
                    storedAt(head.namespace(), head.revision());
                    saved++;
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Could not store the snapshot of {} at {}: {}",
                        head.namespace(),
                        head.revision(),
                        e.toString());
                break;
            }
        }
        return saved;
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
