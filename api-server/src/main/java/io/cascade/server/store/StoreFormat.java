package io.cascade.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's maps, typed with {@link BsonDataType}: every collection's documents, and
 * every index's keys and positions; and the one-off upgrade of a store written before.
 *
 * <p>NOTES. mongo-java-server opens its maps by name with H2's default types. A map already open
 * is returned as it is, so {@link DurableH2Backend}'s databases open their maps with these types
 * first and then let mongo-java-server open them. The names follow mongo-java-server's: {@code
 * databases.DB.COLL} for documents, {@code DB.COLL._index_NAME} for an index.
 */
final class StoreFormat {

    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    /** Where the store records its format; absent in a store written before this class. */
    private static final String FORMAT_MAP = "cascade.format";

    private static final String INDEX_KEYS = "indexKeys";
    private static final int BSON_KEYS = 2;
    static final String INDEX_INFIX = "._index_";
    static final String DOCUMENTS_PREFIX = "databases.";

    private StoreFormat() {}

    /**
     * Brings a store written with H2's default types for index keys to this format, in one commit
     * (a crash before it leaves the store as it was; the store must not commit by itself): each
     * index map is rebuilt in the new key order. Runs before anything else opens the store's maps.
     */
    static void upgrade(MVStore store) {
        MVMap<String, Integer> format = store.openMap(FORMAT_MAP);
        Integer keys = format.get(INDEX_KEYS);
        if (keys != null && keys == BSON_KEYS) {
            return;
        }
        int rebuilt = 0;
        long entries = 0;
        boolean announced = false;
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (!name.contains(INDEX_INFIX)) {
                continue;
            }
            if (!announced) {
                log.info("Upgrading the store's format: rebuilding its indexes once (a large store takes a while)");
                announced = true;
            }
            // Read with the new type too: it reads both formats, and H2 commits nothing by itself
            // here (DurableH2Backend.open), so an upgrade that stopped halfway left nothing behind.
            MVMap<Object, Object> old = typed(store, name);
            List<Map.Entry<Object, Object>> copied = new ArrayList<>(old.size());
            for (Map.Entry<Object, Object> entry : old.entrySet()) {
                copied.add(Map.entry(entry.getKey(), entry.getValue()));
            }
            store.removeMap(old);
            MVMap<Object, Object> typed = typed(store, name);
            for (Map.Entry<Object, Object> entry : copied) {
                typed.put(entry.getKey(), entry.getValue());
            }
            rebuilt++;
            entries += copied.size();
        }
        format.put(INDEX_KEYS, BSON_KEYS);
        store.commit();
        store.sync();
        if (rebuilt > 0) {
            log.info("Upgraded the store's format: rebuilt {} index(es), {} entries", rebuilt, entries);
        }
    }

    /**
     * A collection's documents or an index's entries, typed: both keys and values with {@link
     * BsonDataType}, which orders anything but index keys as H2's default type does, so a documents
     * map keeps its order.
     */
    static MVMap<Object, Object> typed(MVStore store, String name) {
        return store.openMap(
                name,
                new MVMap.Builder<Object, Object>()
                        .keyType(BsonDataType.INSTANCE)
                        .valueType(BsonDataType.INSTANCE));
    }
}
