package io.cascade.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreGateTest {

    private final AtomicBoolean up = new AtomicBoolean(true);
    private final StoreHealth health = new StoreHealth(() -> {
        if (!up.get()) {
            throw new IllegalStateException("no answer");
        }
    });
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase gated;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        gated = StoreGate.gated(client.getDatabase("cascade"), health);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void whileTheStoreIsUpCallsReachIt() {
        gated.getCollection("things").insertOne(new Document("_id", 1));

        assertThat(gated.getCollection("things").find().first()).isEqualTo(new Document("_id", 1));
        assertThat(((Number) gated.runCommand(new Document("ping", 1)).get("ok")).intValue())
                .isEqualTo(1);
    }

    @Test
    void whileTheStoreIsDownEveryCallThatWouldTalkToItIsRefusedWithoutReachingIt() {
        MongoCollection<Document> things = gated.getCollection("things");
        goDown();

        assertThat(things.getNamespace().getFullName()).isEqualTo("cascade.things");
        assertUnavailable(() -> things.insertOne(new Document("_id", 1)));
        assertUnavailable(() -> things.find());
        assertUnavailable(() -> things.aggregate(List.of()));
        assertUnavailable(() -> gated.runCommand(new Document("ping", 1)));
        assertThat(client.getDatabase("cascade").getCollection("things").countDocuments())
                .as("what reached the store")
                .isZero();

        up.set(true);
        health.check();
        things.insertOne(new Document("_id", 2));
        assertThat(things.countDocuments()).isEqualTo(1);
    }

    @Test
    void collectionsAndCopiesWithOtherSettingsAreGatedToo() {
        MongoCollection<Document> copy = gated.withWriteConcern(WriteConcern.MAJORITY)
                .getCollection("things")
                .withReadConcern(ReadConcern.MAJORITY);
        goDown();

        assertUnavailable(() -> copy.insertOne(new Document("_id", 1)));
        assertUnavailable(() -> gated.getCollection("others", Document.class).countDocuments());
    }

    private void goDown() {
        up.set(false);
        health.check();
    }

    private static void assertUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        CascadeException.class, e -> assertThat(e.code()).isEqualTo(ApiErrorCode.STORE_UNAVAILABLE));
    }
}
