package io.cascade.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFormatTest {

    @TempDir
    Path dir;

    private static Object roundTrip(Object value) {
        WriteBuffer out = new WriteBuffer();
        BsonDataType.INSTANCE.write(out, value);
        out.put((byte) 42); // what follows must stay where it is
        ByteBuffer in = out.getBuffer();
        in.flip();
        Object read = BsonDataType.INSTANCE.read(in);
        assertThat(in.get()).isEqualTo((byte) 42);
        return read;
    }

    @Test
    void documentsKeysAndPositionsReadBackAsTheyWereWritten() {
        Document document = new Document("_id", new ObjectId())
                .append("namespace", "payments")
                .append("revision", 7)
                .append("sequence", 1L << 40)
                .append("ratio", 0.25)
                .append("at", Instant.parse("2026-12-08T00:00:00.123Z"))
                .append(
                        "changes",
                        List.of(new Document("op", "putLayer").append("content", new Document("a", "é\u2028"))))
                .append("none", null)
                .append("flag", true);
        assertThat(roundTrip(document)).isEqualTo(document);
        assertThat(roundTrip(new KeyValue("payments", 7))).isEqualTo(new KeyValue("payments", 7));
        ObjectId position = new ObjectId();
        assertThat(roundTrip(position)).isEqualTo(position);
        assertThat(roundTrip("a-key")).isEqualTo("a-key");
    }

    @Test
    void valuesWrittenWithH2sDefaultTypeStillRead() {
        Document old = new Document("_id", "k").append("n", 3);
        WriteBuffer out = new WriteBuffer();
        new ObjectDataType().write(out, old);
        ByteBuffer in = out.getBuffer();
        in.flip();
        assertThat(BsonDataType.INSTANCE.read(in)).isEqualTo(old);
    }

    @Test
    void indexKeysCompareAsValuesElementByElement() {
        BsonDataType type = BsonDataType.INSTANCE;
        assertThat(type.compare(new KeyValue("a", 2), new KeyValue("a", 10))).isNegative();
        assertThat(type.compare(new KeyValue("a", 10), new KeyValue("b", 1))).isNegative();
        assertThat(type.compare(new KeyValue("a", 10), new KeyValue("a", 10))).isZero();
        assertThat(type.compare(new KeyValue("a"), new KeyValue("a", 1))).isNegative();
        assertThat(type.compare(new KeyValue("a", 10), new KeyValue("a", 9))).isPositive();
    }

    @Test
    void theStoreCommitsOnlyWhenToldEvenWithManyChangesUnsaved() {
        DurableH2Backend backend = DurableH2Backend.open(dir.resolve("quiet.mv").toString());
        try {
            MVStore store = backend.getMvStore();
            long version = store.getCurrentVersion();
            org.h2.mvstore.MVMap<Object, Object> map = StoreFormat.typed(store, "databases.test.things");
            for (int i = 0; i < 300_000; i++) {
                map.put(i, new Document("_id", i).append("text", "a value long enough to fill memory " + i));
            }
            assertThat(store.getCurrentVersion()).isEqualTo(version);
        } finally {
            backend.close();
        }
    }

    @Test
    void indexKeysThatDifferAreNeverEqualEvenWhereMongosOrderTiesThem() {
        BsonDataType type = BsonDataType.INSTANCE;
        KeyValue one = new KeyValue(new Document("a", List.of(1, 2)));
        KeyValue other = new KeyValue(new Document("a", List.of(1, 3)));
        assertThat(type.compare(one, other)).isNotZero();
        assertThat(Integer.signum(type.compare(one, other))).isEqualTo(-Integer.signum(type.compare(other, one)));
        assertThat(type.compare(one, new KeyValue(new Document("a", List.of(1, 2)))))
                .isZero();
        assertThat(type.compare(new KeyValue(List.of(1, 2)), new KeyValue(List.of(1, 3))))
                .isNotZero();
    }

    @Test
    void aStoreWrittenBeforeIsUpgradedAndItsUniqueIndexesStillFindAndRefuse() {
        String file = dir.resolve("store.mv").toString();
        MongoServer before = new MongoServer(new H2Backend(file));
        try (MongoClient client = MongoClients.create(before.bindAndGetConnectionString())) {
            MongoCollection<org.bson.Document> revisions =
                    client.getDatabase("cascade").getCollection("revisions");
            revisions.createIndex(Indexes.ascending("namespace", "revision"), new IndexOptions().unique(true));
            List<org.bson.Document> documents = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                documents.add(new org.bson.Document("namespace", "ns-" + (i % 7)).append("revision", i));
            }
            revisions.insertMany(documents);
        } finally {
            before.shutdownNow();
        }

        MongoServer after = new MongoServer(DurableH2Backend.open(file));
        try (MongoClient client = MongoClients.create(after.bindAndGetConnectionString())) {
            MongoCollection<org.bson.Document> revisions =
                    client.getDatabase("cascade").getCollection("revisions");
            assertThat(revisions.countDocuments()).isEqualTo(300);
            assertThat(revisions
                            .find(Filters.and(Filters.eq("namespace", "ns-3"), Filters.eq("revision", 150)))
                            .first())
                    .isNotNull();
            assertThatThrownBy(() ->
                            revisions.insertOne(new org.bson.Document("namespace", "ns-3").append("revision", 150)))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            revisions.insertOne(new org.bson.Document("namespace", "ns-3").append("revision", 301));
            assertThat(revisions
                            .find(Filters.eq("namespace", "ns-3"))
                            .sort(Sorts.descending("revision"))
                            .first()
                            .getInteger("revision"))
                    .isEqualTo(301);
        } finally {
            after.shutdownNow();
        }

        // Opened again, the upgraded store is read as it is, and new entries were written in the new format.
        MongoServer again = new MongoServer(DurableH2Backend.open(file));
        try (MongoClient client = MongoClients.create(again.bindAndGetConnectionString())) {
            MongoCollection<org.bson.Document> revisions =
                    client.getDatabase("cascade").getCollection("revisions");
            assertThat(revisions.countDocuments()).isEqualTo(301);
            assertThatThrownBy(() ->
                            revisions.insertOne(new org.bson.Document("namespace", "ns-3").append("revision", 301)))
                    .isInstanceOf(MongoWriteException.class);
        } finally {
            again.shutdownNow();
        }
        MVStore store = new MVStore.Builder().fileName(file).open();
        try {
            assertThat(store.<String, Integer>openMap("cascade.format").get("indexKeys"))
                    .isEqualTo(2);
        } finally {
            store.close();
        }
    }
}
