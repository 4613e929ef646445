package io.cascade.server;

import com.mongodb.client.MongoDatabase;
import io.cascade.server.audit.AuditStore;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.ApiKeyStore;
import io.cascade.server.auth.KeyService;
import io.cascade.server.change.ChangeRequestStore;
import io.cascade.server.change.ChangeRequests;
import io.cascade.server.change.Policies;
import io.cascade.server.change.PolicyStore;
import io.cascade.server.change.ProtectedEnvironments;
import io.cascade.server.flag.EvaluationMetrics;
import io.cascade.server.flag.FlagService;
import io.cascade.server.namespace.CompiledSchemas;
import io.cascade.server.namespace.Limits;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.NamespaceWriter;
import io.cascade.server.namespace.RecentRevisions;
import io.cascade.server.namespace.ReplicaCatchUp;
import io.cascade.server.namespace.RevisionAudit;
import io.cascade.server.namespace.RevisionEvents;
import io.cascade.server.namespace.RevisionHistory;
import io.cascade.server.namespace.SnapshotWriter;
import io.cascade.server.store.Durability;
import io.cascade.server.store.EmbeddedMongo;
import io.cascade.server.store.HeadStore;
import io.cascade.server.store.RevisionStore;
import io.cascade.server.store.SnapshotStore;
import io.cascade.server.store.StoreHealth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the namespaces to the store: snapshots, the write path, history, and catching up with other replicas. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Limits.class)
class ServerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServerConfiguration.class);

    /** How long revision events wait for the committing request's own sync before syncing themselves. */
    private static final long REVISION_EVENTS_SYNC_GRACE_MILLIS = 20;

    /** Milliseconds, the store's precision, so a time reads the same before and after a restart. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    AuditTrail auditTrail(AuditStore store, JsonMapper json, Clock clock) {
        return new AuditTrail(store, json, clock);
    }

    @Bean
    KeyService keyService(
            ApiKeyStore store,
            AuditTrail audit,
            Clock clock,
            @Value("${cascade.bootstrap-admin-key:}") String bootstrapKey,
            @Value("${cascade.data-dir:./data}") String dataDir) {
        KeyService keys = new KeyService(store, audit, clock, bootstrapKey);
        keys.start(Path.of(dataDir));
        return keys;
    }

    @Bean(destroyMethod = "close")
    RevisionEvents revisionEvents(Durability durability) {
        return new RevisionEvents(() -> durability.awaitSoon(REVISION_EVENTS_SYNC_GRACE_MILLIS));
    }

    @Bean
    HeadStore headStore(MongoDatabase database) {
        return new HeadStore(database);
    }

    @Bean
    SnapshotStore snapshotStore(MongoDatabase database, JsonMapper json) {
        return new SnapshotStore(database, json);
    }

    @Bean
    RevisionAudit revisionAudit(AuditTrail audit, RevisionStore store, HeadStore heads, Clock clock) {
        return new RevisionAudit(audit, store, heads, clock);
    }

    @Bean(destroyMethod = "close")
    SnapshotWriter snapshotWriter(SnapshotStore store, RevisionEvents events) {
        SnapshotWriter writer = new SnapshotWriter(store);
        events.subscribe(writer);
        return writer;
    }

    /**
     * The snapshots, loaded at start: from stored copies and the revisions after them, on a thread
     * of their own while the rest of the context is built; {@link #namespacesLoaded} holds the start
     * until they are in. Revisions a crash left without an audit entry are recorded by a repair that
     * runs beside the start.
     */
    @Bean
    NamespaceSnapshots namespaceSnapshots(
            RevisionStore store,
            HeadStore heads,
            SnapshotStore snapshotStore,
            RevisionEvents events,
            RevisionAudit audit,
            SnapshotWriter writer,
            EmbeddedMongo embedded) {
        NamespaceSnapshots snapshots = new NamespaceSnapshots(store, heads, snapshotStore, events);
        snapshots.loadInBackground(SnapshotWriter.INTERVAL, loaded -> {
            loaded.copies().forEach(writer::storedAt);
            loaded.withoutRecentCopy().forEach(writer::saveLater);
            audit.repairInBackground(heads, snapshots, embedded.embedded());
        });
        return snapshots;
    }

    /**
     * Waits for the namespaces before anything starts serving: the first lifecycle to start, before
     * the web server opens its port. A load that fails fails the start, as it would in the bean. On a
     * clean stop, the last to stop: it stores a snapshot copy of every namespace that moved since its
     * last one, so the next start reads no revisions.
     */
    @Bean
    SmartLifecycle namespacesLoaded(
            NamespaceSnapshots snapshots,
            SnapshotWriter writer,
            @Value("${cascade.snapshots.stop-checkpoint:PT10S}") Duration checkpointBudget) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                snapshots.awaitStart();
                running = true;
            }

            /** The last lifecycle to stop, once the web server no longer takes writes. */
            @Override
            public void stop() {
                running = false;
                int saved = writer.checkpoint(snapshots.all(), checkpointBudget);
                if (saved > 0) {
                    log.info("Stored snapshot copies of {} namespace(s) for the next start", saved);
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MIN_VALUE;
            }
        };
    }

    @Bean
    CompiledSchemas compiledSchemas(JsonMapper json) {
        return new CompiledSchemas(json);
    }

    @Bean
    NamespaceWriter namespaceWriter(
            NamespaceSnapshots snapshots,
            RevisionStore store,
            HeadStore heads,
            RevisionAudit audit,
            CompiledSchemas schemas,
            JsonMapper json,
            Limits limits,
            Clock clock,
            PolicyStore policies) {
        return new NamespaceWriter(
                snapshots, store, heads, audit, schemas, json, limits, clock, new ProtectedEnvironments(policies));
    }

    @Bean
    PolicyStore policyStore(MongoDatabase database) {
        PolicyStore store = new PolicyStore(database);
        store.ensureIndexes();
        return store;
    }

    @Bean
    ChangeRequestStore changeRequestStore(MongoDatabase database, JsonMapper json) {
        ChangeRequestStore store = new ChangeRequestStore(database, json);
        store.ensureIndexes();
        return store;
    }

    @Bean
    ChangeRequests changeRequests(
            ChangeRequestStore store,
            PolicyStore policies,
            NamespaceSnapshots snapshots,
            NamespaceWriter writer,
            RevisionHistory history,
            AuditTrail audit,
            Clock clock) {
        return new ChangeRequests(store, policies, snapshots, writer, history, audit, clock);
    }

    @Bean
    Policies policies(PolicyStore store, NamespaceSnapshots snapshots, AuditTrail audit, Clock clock) {
        return new Policies(store, snapshots, audit, clock);
    }

    /** One full page of {@code history} per namespace: what it answers from memory while the store is down. */
    @Bean
    RecentRevisions recentRevisions(RevisionEvents events) {
        RecentRevisions recent = new RecentRevisions(100);
        events.subscribe(recent);
        return recent;
    }

    @Bean
    RevisionHistory revisionHistory(NamespaceSnapshots snapshots, RevisionStore store, RecentRevisions recent) {
        return new RevisionHistory(snapshots, store, recent);
    }

    @Bean
    ReplicaCatchUp replicaCatchUp(
            NamespaceSnapshots snapshots, HeadStore heads, RevisionStore store, RevisionAudit audit) {
        return new ReplicaCatchUp(snapshots, heads, store, audit);
    }

    @Bean
    FlagService flagService(NamespaceWriter namespaces, EvaluationMetrics metrics) {
        return new FlagService(namespaces, metrics);
    }

    /**
     * Picks up revisions committed by other server processes sharing the store. Skipped while the
     * store is down, whose outage {@link StoreHealth} logs once; one run at a time.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService storeRefresher(
            ReplicaCatchUp replicas,
            KeyService keys,
            StoreHealth store,
            @Value("${cascade.store.refresh-interval:PT5S}") Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cascade-store-refresh");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    if (!store.isUp()) {
                        return;
                    }
                    try {
                        replicas.refresh();
                        keys.refresh();
                    } catch (RuntimeException e) {
                        if (StoreHealth.isOutage(e)) {
                            log.debug("Store refresh stopped by an outage: {}", e.toString());
                        } else {
                            log.warn("Store refresh failed: {}", e.toString());
                        }
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return executor;
    }
}
