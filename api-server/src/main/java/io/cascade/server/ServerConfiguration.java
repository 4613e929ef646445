package io.cascade.server;

import io.cascade.server.audit.AuditStore;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.ApiKeyStore;
import io.cascade.server.auth.KeyService;
import io.cascade.server.flag.EvaluationMetrics;
import io.cascade.server.flag.FlagService;
import io.cascade.server.namespace.Limits;
import io.cascade.server.namespace.NamespaceService;
import io.cascade.server.store.RevisionStore;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the namespace service to the store and keeps it in step with other replicas. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Limits.class)
class ServerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServerConfiguration.class);

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

    @Bean
    NamespaceService namespaceService(
            RevisionStore store, AuditTrail audit, JsonMapper json, Limits limits, Clock clock) {
        NamespaceService service = new NamespaceService(store, audit, json, limits, clock);
        service.load();
        return service;
    }

    @Bean
    FlagService flagService(NamespaceService namespaces, EvaluationMetrics metrics) {
        return new FlagService(namespaces, metrics);
    }

    /**
     * Picks up revisions committed by other server processes sharing the store. Skipped while the
     * store is down, whose outage {@link StoreHealth} logs once; one run at a time.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService storeRefresher(
            NamespaceService namespaces,
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
                        namespaces.refresh();
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
