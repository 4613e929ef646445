package io.cascade.server.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.cascade.server.audit.AuditStore;
import io.cascade.server.auth.ApiKeyStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

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
        return new Durability(embedded.embedded(), database::getObject);
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
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .commandListenerList(commandListeners.orderedStream().toList())
                .build();
        if (!uri.isBlank()) {
            log.info("Store: MongoDB at {}", new ConnectionString(uri).getHosts());
        }
        return MongoClients.create(settings);
    }

    /** The database named in the URI, else {@code cascade}. */
    @Bean
    MongoDatabase cascadeDatabase(MongoClient client, @Value("${cascade.mongodb-uri:}") String uri) {
        String database = uri.isBlank() ? null : new ConnectionString(uri).getDatabase();
        return client.getDatabase(database == null ? "cascade" : database);
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
