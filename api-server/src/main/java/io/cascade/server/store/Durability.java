package io.cascade.server.store;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The durability barrier: {@link #await()} returns once every write this process has made is on
 * disk, so an answer sent after it can never be taken back by a crash.
 *
 * <p>With a real MongoDB every write already carries write concern {@code majority} with the
 * journal, so there is nothing to wait for. With Cascade's embedded store (in this process, or
 * another server's reached through {@code CASCADE_MONGODB_URI}), writes are made durable in groups:
 * {@code await()} sends the {@code cascadeSync} command, which commits and syncs everything written
 * so far, once for all the writers waiting at that moment (to the store in this process, it makes
 * the same call without the round trip). Which kind of store it is is asked once,
 * by sending that command: MongoDB does not know it. The barrier listens to the driver's commands to
 * know whether this process wrote anything since the last one, so a request that only read costs
 * nothing.
 */
public final class Durability implements CommandListener {

    private static final Set<String> WRITES =
            Set.of("insert", "update", "delete", "findandmodify", "createindexes", "drop", "dropindexes");
    /** MongoDB's answer to a command it does not have. */
    private static final int COMMAND_NOT_FOUND = 59;

    private final Supplier<MongoDatabase> database;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong synced = new AtomicLong();
    /** Null until known: whether the store answers {@code cascadeSync}. */
    private volatile Boolean embeddedStore;

    /** The in-process embedded store's own barrier, called without a round trip; null otherwise. */
    private final Runnable localSync;

    Durability(boolean embedded, Supplier<MongoDatabase> database, Runnable localSync) {
        this.database = database;
        this.embeddedStore = embedded ? Boolean.TRUE : null;
        this.localSync = localSync;
    }

    /** Returns once every write this process made before the call is durable. */
    public void await() {
        if (Boolean.FALSE.equals(embeddedStore)) {
            return;
        }
        long target = written.get();
        if (synced.get() >= target) {
            return;
        }
        try {
            if (localSync != null) {
                localSync.run();
            } else {
                database.get().runCommand(new Document(DurableH2Backend.SYNC_COMMAND, 1));
            }
            embeddedStore = Boolean.TRUE;
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != COMMAND_NOT_FOUND && !"CommandNotFound".equals(e.getErrorCodeName())) {
                throw e;
            }
            embeddedStore = Boolean.FALSE;
        }
        synced.accumulateAndGet(target, Math::max);
        synchronized (synced) {
            synced.notifyAll();
        }
    }

    /**
     * Like {@link #await()}, but first gives the writers' own barriers up to {@code graceMillis} to
     * cover this process's writes: a request answers only after its {@code await()}, so a listener
     * of the revisions it commits can wait for that one instead of syncing a second time.
     */
    public void awaitSoon(long graceMillis) throws InterruptedException {
        long target = written.get();
        long deadline = System.nanoTime() + graceMillis * 1_000_000;
        synchronized (synced) {
            for (long left = graceMillis; synced.get() < target && left > 0; ) {
                synced.wait(left);
                left = (deadline - System.nanoTime()) / 1_000_000;
            }
        }
        await();
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        count(event.getCommandName());
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        count(event.getCommandName());
    }

    private void count(String command) {
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            written.incrementAndGet();
        }
    }
}
