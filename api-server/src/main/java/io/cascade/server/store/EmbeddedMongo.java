package io.cascade.server.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process Mongo-wire server on H2, persisted under the data directory, or nothing when a
 * real MongoDB is configured.
 *
 * <p>Every write is durable before it is acknowledged: writers end with the {@code fsync} command
 * ({@link Durability}), and a background flush every {@value #FLUSH_MILLIS} ms covers writes of
 * other clients that never ask. Every {@value #COMPACT_MILLIS} ms the file's emptiest chunks are
 * rewritten, so it stays near the size of its live data under a steady stream of commits. The data directory is made {@code 0700} and the store file {@code
 * 0600}: the store holds key hashes and every config.
 */
public final class EmbeddedMongo {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    static final String STORE_FILE = "cascade-store.mv";
    private static final long FLUSH_MILLIS = 200;
    private static final long COMPACT_MILLIS = 5_000;
    private static final long STOP_SECONDS = 30;

    private final MongoServer server;
    private final ScheduledExecutorService flusher;
    private final String connectionString;
    private final GroupCommit commits;

    private EmbeddedMongo(
            MongoServer server, ScheduledExecutorService flusher, String connectionString, GroupCommit commits) {
        this.server = server;
        this.flusher = flusher;
        this.connectionString = connectionString;
        this.commits = commits;
    }

    static EmbeddedMongo none() {
        return new EmbeddedMongo(null, null, null, null);
    }

    static EmbeddedMongo start(Path dataDir, int port) {
        Path file = dataDir.toAbsolutePath().resolve(STORE_FILE);
        try {
            Files.createDirectories(dataDir);
            restrict(dataDir, "rwx------");
            if (Files.notExists(file)) {
                Files.createFile(file);
            }
            restrict(file, "rw-------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare data directory " + dataDir, e);
        }
        DurableH2Backend backend = DurableH2Backend.open(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cascade-store-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(
                () -> flush(backend.commits()), FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        flusher.scheduleWithFixedDelay(
                () -> compact(backend.commits()), COMPACT_MILLIS, COMPACT_MILLIS, TimeUnit.MILLISECONDS);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Store: embedded Mongo-wire server on 127.0.0.1:{}, data in {}", address.getPort(), file);
        return new EmbeddedMongo(server, flusher, "mongodb://127.0.0.1:" + address.getPort(), backend.commits());
    }

    private static void flush(GroupCommit commits) {
        try {
            if (!commits.clean()) {
                commits.awaitDurable();
            }
        } catch (RuntimeException e) {
            log.error("Could not flush the embedded store: {}", e.toString());
        }
    }

    private static void compact(GroupCommit commits) {
        try {
            commits.compact();
        } catch (RuntimeException e) {
            log.error("Could not compact the embedded store: {}", e.toString());
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    /** Whether the store is this process's own, in-process one. */
    public boolean embedded() {
        return server != null;
    }

    String connectionString() {
        return connectionString;
    }

    /** What the {@code cascadeSync} command does, for this process's own writes; null without a store here. */
    Runnable localSync() {
        return commits == null ? null : commits::awaitDurable;
    }

    /**
     * Stops the flusher, letting a flush or compaction under way finish (an interrupt would close
     * H2's file under it and leave the store unable to close), then the server.
     */
    public void shutdownNow() {
        if (server == null) {
            return;
        }
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                log.warn("The embedded store's flush did not finish in {} s; closing it anyway", STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
    }
}
