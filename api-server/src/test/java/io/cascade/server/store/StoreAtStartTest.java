package io.cascade.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that answers late at start is waited for; one that never answers fails the start with a clear message. */
class StoreAtStartTest {

    @TempDir
    Path dataDir;

    @Test
    void aStoreThatAnswersLateIsWaitedForInsteadOfFailingTheStart() throws Exception {
        int port = freePort();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<EmbeddedMongo> store =
                later.schedule(() -> EmbeddedMongo.start(dataDir, port), 1_500, TimeUnit.MILLISECONDS);
        try (MongoClient client = quickClient(port)) {
            StoreConfiguration.awaitFirstAnswer(client, Duration.ofSeconds(60));
            assertThat(store.get(10, TimeUnit.SECONDS))
                    .as("answered by the store that started late")
                    .isNotNull();
        } finally {
            store.get().shutdownNow();
            later.shutdown();
        }
    }

    @Test
    void aStoreThatNeverAnswersFailsTheStartNamingTheSetting() throws Exception {
        try (MongoClient client = quickClient(freePort())) {
            assertThatThrownBy(() -> StoreConfiguration.awaitFirstAnswer(client, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cascade.store.start-timeout");
        }
    }

    private static MongoClient quickClient(int port) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(300, TimeUnit.MILLISECONDS))
                .build());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
