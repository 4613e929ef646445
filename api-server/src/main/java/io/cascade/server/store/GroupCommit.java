package io.cascade.server.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * Makes the embedded store's writes durable: an H2 commit of everything written so far, then an
 * fsync, shared by every writer waiting at that moment (group commit).
 *
 * <p>NOTES. A write command runs under the shared side of {@code gate} and takes a ticket when it
 * starts. A sync takes the exclusive side only for the commit, so a commit never captures half of a
 * command (a document without its index entry, say), and every ticket issued before the commit
 * belongs to a command that finished: after the fsync all of them are durable. One thread syncs at a
 * time (the leader); the others wait for it and return at once when their ticket is covered, so N
 * concurrent writers pay for about one fsync, not N. Nothing is held while waiting for the disk but
 * the leader role.
 */
final class GroupCommit {

    /** Chunks less full than this are rewritten by {@link #compact()}, when the file as a whole is too. */
    private static final int COMPACT_FILL_PERCENT = 50;
    /** At most this much is rewritten per {@link #compact()}. */
    private static final int COMPACT_WRITE_BYTES = 512 * 1024;

    private final MVStore store;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicLong issued = new AtomicLong();
    private final Object monitor = new Object();
    private volatile long durable;
    private boolean syncing;

    GroupCommit(MVStore store) {
        this.store = store;
    }

    /** Runs a write command; its effects become durable at the next {@link #awaitDurable()}. */
    <T> T write(Supplier<T> command) {
        gate.readLock().lock();
        try {
            issued.incrementAndGet();
            return command.get();
        } finally {
            gate.readLock().unlock();
        }
    }

    /** True when every write that has started is durable. */
    boolean clean() {
        return durable >= issued.get();
    }

    /** Returns once every write that started before this call is on disk. */
    void awaitDurable() {
        long target = issued.get();
        while (durable < target) {
            synchronized (monitor) {
                while (syncing && durable < target) {
                    waitUninterruptibly();
                }
                if (durable >= target) {
                    return;
                }
                syncing = true;
            }
            lead();
        }
    }

    /**
     * Rewrites the live pages of mostly-empty chunks into new ones, so the file is reused instead
     * of growing with every commit (H2's background thread would do this; it is off here), and
     * makes that durable like any commit.
     */
    void compact() {
        if (store.getFileStore().getChunksFillRate() >= COMPACT_FILL_PERCENT) {
            return;
        }
        // Rewriting pages changes no data, so writers go on meanwhile; only the commit waits for them.
        store.compact(COMPACT_FILL_PERCENT, COMPACT_WRITE_BYTES);
        synchronized (monitor) {
            while (syncing) {
                waitUninterruptibly();
            }
            syncing = true;
        }
        lead();
    }

    /** The leader's work: commit between commands, then sync; the caller holds the leader role. */
    private void lead() {
        long covered = durable;
        try {
            boolean committed = false;
            gate.writeLock().lock();
            try {
                covered = issued.get();
                if (store.hasUnsavedChanges()) {
                    store.commit();
                    committed = true;
                }
            } finally {
                gate.writeLock().unlock();
            }
            // Every earlier commit was synced by the leader that made it.
            if (committed) {
                store.sync();
            }
        } catch (RuntimeException e) {
            covered = durable;
            throw e;
        } finally {
            synchronized (monitor) {
                durable = Math.max(durable, covered);
                syncing = false;
                monitor.notifyAll();
            }
        }
    }

    private void waitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                monitor.wait();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
