package io.cascade.server.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's backend: mongo-java-server on H2, with durability made explicit.
 *
 * <p>Write commands change the store in memory; the {@code cascadeSync} command returns once every
 * write issued before it is committed and synced ({@link GroupCommit}), whichever process sent it. A read answers only what is already on disk: if writes are pending when it
 * finishes, it waits for them to be synced first, so no process can learn of a revision that a
 * crash could still take back. H2's own background commit is off: commits happen only between
 * commands, never in the middle of one.
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that change data; everything else reads. Lower case. */
    private static final Set<String> WRITES = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "createindexes",
            "create",
            "drop",
            "dropindexes",
            "dropdatabase",
            "renamecollection");

    /** The barrier: answers once every earlier write is on disk. Only this backend knows it. */
    static final String SYNC_COMMAND = "cascadeSync";

    private static final String SYNC_COMMAND_LOWER = SYNC_COMMAND.toLowerCase(Locale.ROOT);
    private static final int PAGE_SPLIT_BYTES = 1024;
    private static final int RETENTION_MILLIS = 2_000;

    private final GroupCommit commits;

    private DurableH2Backend(MVStore store) {
        super(store);
        this.commits = new GroupCommit(store);
    }

    /**
     * Opens the store file. Pages are split at {@value #PAGE_SPLIT_BYTES} bytes rather than H2's
     * default, because every commit rewrites the pages it touched: small pages make a durable
     * commit of one revision cheap. Freed chunks may be reused after {@value #RETENTION_MILLIS}
     * ms: every commit is synced before it is acknowledged, so the last good chunk never depends
     * on the disk's own write-back delay that H2's 45 s default allows for.
     */
    static DurableH2Backend open(String file) {
        MVStore store = new MVStore.Builder()
                .fileName(file)
                .autoCommitDisabled()
                // Nor when unsaved changes grow large: H2 would commit in the middle of a command.
                .autoCommitBufferSize(0)
                .pageSplitSize(PAGE_SPLIT_BYTES)
                .open();
        store.setRetentionTime(RETENTION_MILLIS);
        StoreFormat.upgrade(store);
        return new DurableH2Backend(store);
    }

    /** Called by H2Backend's constructor too: it must not read this class's fields. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * A database whose maps are typed by {@link StoreFormat}. An inner class: H2Database's
     * constructor opens the maps, before any field of a subclass is set, but after the outer
     * instance is.
     */
    private final class Database extends H2Database {

        Database(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            StoreFormat.typed(
                    getMvStore(), getFullCollectionNamespace(collectionName) + StoreFormat.INDEX_INFIX + indexName);
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            StoreFormat.typed(getMvStore(), StoreFormat.DOCUMENTS_PREFIX + getFullCollectionNamespace(collectionName));
            return super.openOrCreateCollection(collectionName, options);
        }
    }

    GroupCommit commits() {
        return commits;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals(SYNC_COMMAND_LOWER)) {
            commits.awaitDurable();
            return new Document("ok", 1.0);
        }
        if (WRITES.contains(name)) {
            return commits.write(() -> super.handleCommand(channel, database, command, query));
        }
        Document answer = super.handleCommand(channel, database, command, query);
        if (!commits.clean()) {
            commits.awaitDurable();
        }
        return answer;
    }

    /** Syncs what is pending, then closes; the server calls it once, on shutdown. */
    @Override
    public void close() {
        if (!getMvStore().isClosed()) {
            commits.awaitDurable();
        }
        super.close();
    }
}
