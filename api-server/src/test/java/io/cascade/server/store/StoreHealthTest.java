package io.cascade.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StoreHealthTest {

    private static final ServerAddress STORE = new ServerAddress("127.0.0.1", 27017);

    @Nested
    class Pings {

        private final AtomicBoolean answering = new AtomicBoolean(true);
        private final StoreHealth health = new StoreHealth(() -> {
            if (!answering.get()) {
                throw new MongoSocketReadException("Prematurely reached end of stream", STORE);
            }
        });

        @Test
        void aFailedPingTakesTheStoreDownAndAnAnsweredOneBringsItBack() {
            assertThat(health.isUp()).isTrue();

            answering.set(false);
            health.check();
            assertThat(health.isUp()).isFalse();

            health.check();
            assertThat(health.isUp()).as("still down").isFalse();

            answering.set(true);
            health.check();
            assertThat(health.isUp()).isTrue();
        }

        @Test
        void whileDownRequireUpRefusesWithStoreUnavailable() {
            health.requireUp();
            answering.set(false);
            health.check();

            assertThatThrownBy(health::requireUp)
                    .isInstanceOfSatisfying(
                            CascadeException.class,
                            e -> assertThat(e.code()).isEqualTo(ApiErrorCode.STORE_UNAVAILABLE));
        }
    }

    @Nested
    class Outages {

        @Test
        void socketErrorsTimeoutsAndALostPrimaryAreOutagesWhereverTheyAreInTheCauses() {
            assertThat(StoreHealth.isOutage(new MongoSocketReadException("eof", STORE)))
                    .isTrue();
            assertThat(StoreHealth.isOutage(new MongoSocketOpenException("refused", STORE)))
                    .isTrue();
            assertThat(StoreHealth.isOutage(new MongoTimeoutException("no server")))
                    .isTrue();
            assertThat(StoreHealth.isOutage(new MongoNotPrimaryException(new BsonDocument(), STORE)))
                    .isTrue();
            assertThat(StoreHealth.isOutage(StoreHealth.unavailable())).isTrue();
            assertThat(StoreHealth.isOutage(new IllegalStateException("audit", new MongoTimeoutException("no server"))))
                    .isTrue();
        }

        @Test
        void refusalsCommandErrorsAndBugsAreNot() {
            assertThat(StoreHealth.isOutage(CascadeException.conflict("taken", Map.of())))
                    .isFalse();
            assertThat(StoreHealth.isOutage(new MongoCommandException(new BsonDocument(), STORE)))
                    .isFalse();
            assertThat(StoreHealth.isOutage(new IllegalStateException("bug"))).isFalse();
            assertThat(StoreHealth.isOutage(null)).isFalse();
        }
    }

    @Test
    void theMonitorNoticesAStoreThatStopsAndOneThatComesBackOnItsPort() {
        MongoServer store = new MongoServer(new MemoryBackend());
        store.bind("127.0.0.1", 0);
        int port = store.getLocalAddress().getPort();
        try (StoreHealth health = new StoreConfiguration()
                .storeHealth("mongodb://127.0.0.1:" + port, EmbeddedMongo.none(), Duration.ofMillis(100))) {
            await().atMost(Duration.ofSeconds(10)).until(health::isUp);

            store.shutdownNow();
            await("down").atMost(Duration.ofSeconds(10)).until(() -> !health.isUp());

            store = new MongoServer(new MemoryBackend());
            store.bind("127.0.0.1", port);
            await("up again").atMost(Duration.ofSeconds(20)).until(health::isUp);
        } finally {
            store.shutdownNow();
        }
    }
}
