package io.cascade.server.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.cascade.server.audit.AuditStore;
import io.cascade.server.auth.ApiKeyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connects to MongoDB: {@code CASCADE_MONGODB_URI} when set (majority writes and reads), else an
 * embedded Mongo-wire server persisted under {@code CASCADE_DATA_DIR}. The embedded server listens
 * on 127.0.0.1 at {@code CASCADE_EMBEDDED_MONGO_PORT} (a free port when unset), so other local
 * processes can share it.
 *
 * <p>The driver gives up on an unreachable store after {@value #SELECT_SECONDS} s and on a silent
 * one after {@value #READ_SECONDS} s; {@link StoreHealth} notices sooner and makes store calls fail
 * at once while the store is down.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);
    /** How long an operation waits for a reachable server (the driver's default is 30 s). */
    private static final int SELECT_SECONDS = 2;
    /** How long one answer may take; bounds a hang on a connection that went silent (default: never). */
    private static final int READ_SECONDS = 30;

    private static final int PING_SELECT_SECONDS = 2;
    private static final int PING_READ_SECONDS = 5;

    /** Present only when the store is embedded; closed after the client. */
    @Bean(destroyMethod = "shutdownNow")
    EmbeddedMongo embeddedMongo(
            @Value("${cascade.mongodb-uri:}") String uri,
            @Value("${cascade.data-dir:./data}") String dataDir,
            @Value("${cascade.embedded-mongo-port:0}") int port) {
        if (!uri.isBlank()) {
            return EmbeddedMongo.none();
        }
        return EmbeddedMongo.start(Path.of(dataDir), port);
    }

    /** Answers once this process's writes are on disk; see {@link Durability}. */
    @Bean
    Durability durability(EmbeddedMongo embedded, ObjectProvider<MongoDatabase> database) {
        return new Durability(embedded.embedded(), database::getObject, embedded.localSync());
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(
            @Value("${cascade.mongodb-uri:}") String uri,
            EmbeddedMongo embedded,
            ObjectProvider<CommandListener> commandListeners) {
        String target = uri.isBlank() ? embedded.connectionString() : uri;
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(target))
                .writeConcern(uri.isBlank() ? WriteConcern.ACKNOWLEDGED : WriteConcern.MAJORITY.withJournal(true))
                .readConcern(uri.isBlank() ? ReadConcern.DEFAULT : ReadConcern.MAJORITY)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(SELECT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(SELECT_SECONDS, TimeUnit.SECONDS)
                        .readTimeout(READ_SECONDS, TimeUnit.SECONDS))
                .commandListenerList(commandListeners.orderedStream().toList())
                .build();
        if (!uri.isBlank()) {
            log.info("Store: MongoDB at {}", new ConnectionString(uri).getHosts());
        }
        return MongoClients.create(settings);
    }

    /**
     * Pings the store every {@code cascade.store.ping-interval} on a client of its own, with short
     * timeouts and no command listeners, so the pings neither wait behind requests nor show up in
     * traces.
     */
    @Bean(destroyMethod = "close")
    StoreHealth storeHealth(
            @Value("${cascade.mongodb-uri:}") String uri,
            EmbeddedMongo embedded,
            @Value("${cascade.store.ping-interval:PT1S}") Duration interval) {
        String target = uri.isBlank() ? embedded.connectionString() : uri;
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(target))
                .applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(PING_SELECT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(PING_SELECT_SECONDS, TimeUnit.SECONDS)
                        .readTimeout(PING_READ_SECONDS, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxSize(1))
                .build());
        MongoDatabase admin = client.getDatabase("admin");
        Document ping = new Document("ping", 1);
        return StoreHealth.monitor(() -> admin.runCommand(ping), interval, client::close);
    }

    /**
     * The database named in the URI, else {@code cascade}; its calls fail at once while the store
     * is down ({@link StoreGate}).
     */
    @Bean
    MongoDatabase cascadeDatabase(
            MongoClient client,
            StoreHealth health,
            @Value("${cascade.mongodb-uri:}") String uri,
            @Value("${cascade.store.start-timeout:PT120S}") Duration startTimeout) {
        awaitFirstAnswer(client, startTimeout);
        String database = uri.isBlank() ? null : new ConnectionString(uri).getDatabase();
        return StoreGate.gated(client.getDatabase(database == null ? "cascade" : database), health);
    }

    /**
     * At start, waits for the store to answer instead of failing on the first short time-out: a store
     * that is still starting (or a machine that is busy) is not an outage. Gives up after {@code
     * timeout} with a message that says what it waited for.
     */
    static void awaitFirstAnswer(MongoClient client, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Document ping = new Document("ping", 1);
        for (int attempt = 1; ; attempt++) {
            try {
                client.getDatabase("admin").runCommand(ping);
                if (attempt > 1) {
                    log.info("Store answered after {} attempt(s)", attempt);
                }
                return;
            } catch (MongoException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "the store did not answer within " + timeout.toSeconds()
                                    + " s (cascade.store.start-timeout): " + e.getMessage(),
                            e);
                }
                log.warn("Waiting for the store to answer at start: {}", e.getMessage());
            }
        }
    }

    @Bean
    RevisionStore revisionStore(MongoDatabase database, JsonMapper jsonMapper) {
        RevisionStore store = new RevisionStore(database, jsonMapper);
        store.ensureIndexes();
        return store;
    }

    @Bean
    ApiKeyStore apiKeyStore(MongoDatabase database) {
        return new ApiKeyStore(database);
    }

    @Bean
    AuditStore auditStore(MongoDatabase database) {
        AuditStore store = new AuditStore(database);
        store.ensureIndexes();
        return store;
    }
}
