package io.cascade.server.rollout;

import com.mongodb.client.MongoDatabase;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.change.ChangeRequests;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.NamespaceWriter;
import io.cascade.server.store.HostStore;
import io.cascade.server.store.StoreHealth;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rollouts: their store, the registry that locks writes and tells the gateway whom to serve what,
 * the service, the orchestrator, and alerts. Timings: {@code cascade.rollout.tick} (how often the
 * orchestrator looks, default 1 s), {@code cascade.rollout.lease} (how long a process drives a
 * rollout without renewing, default 15 s), {@code cascade.rollout.host-timeout} (how long a host
 * not seen keeps counting as targeted, default 2 min).
 */
@Configuration(proxyBeanMethods = false)
public class RolloutConfiguration {

    @Bean
    RolloutStore rolloutStore(MongoDatabase database, JsonMapper json) {
        RolloutStore store = new RolloutStore(database, json);
        store.ensureIndexes();
        return store;
    }

    @Bean
    HealthStore healthStore(MongoDatabase database) {
        HealthStore store = new HealthStore(database);
        store.ensureIndexes();
        return store;
    }

    @Bean
    RolloutRegistry rolloutRegistry(RolloutStore store, NamespaceWriter writer) {
        RolloutRegistry registry = new RolloutRegistry(store);
        registry.refreshAll();
        writer.lockWith(registry);
        return registry;
    }

    @Bean
    RolloutMetrics rolloutMetrics(OpenTelemetry openTelemetry) {
        return new RolloutMetrics(openTelemetry);
    }

    @Bean
    RolloutService rolloutService(
            NamespaceWriter writer,
            NamespaceSnapshots snapshots,
            RolloutStore store,
            HealthStore health,
            HostStore hosts,
            RolloutRegistry registry,
            AuditTrail audit,
            RolloutMetrics metrics,
            Clock clock,
            @Value("${cascade.rollout.host-timeout:PT2M}") Duration hostTimeout,
            ChangeRequests changeRequests) {
        return new RolloutService(
                writer, snapshots, store, health, hosts, registry, audit, metrics, clock, hostTimeout, changeRequests);
    }

    @Bean(destroyMethod = "close")
    RolloutOrchestrator rolloutOrchestrator(
            RolloutService service,
            RolloutMetrics metrics,
            StoreHealth storeHealth,
            @Value("${cascade.rollout.lease:PT15S}") Duration lease) {
        return new RolloutOrchestrator(service, metrics, storeHealth, lease);
    }

    /**
     * Ticks the orchestrator once the application has started, and stops it (waiting for a tick in
     * progress) in the first phase of shutdown, before any bean is destroyed: the store is still open
     * for its last tick, and no tick runs after it closes.
     */
    @Bean
    SmartLifecycle rolloutOrchestratorLifecycle(
            RolloutOrchestrator orchestrator, @Value("${cascade.rollout.tick:PT1S}") Duration tick) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                orchestrator.start(tick);
                running = true;
            }

            @Override
            public void stop() {
                orchestrator.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    @Bean
    AlertService alertService(RolloutService service) {
        return new AlertService(service);
    }
}
