package io.cascade.server.propagation;

import com.mongodb.client.MongoDatabase;
import io.cascade.gateway.GatewayConfiguration;
import io.cascade.gateway.bus.LocalRevisionBus;
import io.cascade.gateway.bus.RedisRevisionBus;
import io.cascade.gateway.bus.RevisionBus;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.KeyVerifier;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.KeyService;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.ReplicaCatchUp;
import io.cascade.server.namespace.RevisionEvents;
import io.cascade.server.rollout.RolloutRegistry;
import io.cascade.server.store.HostStore;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live propagation: revisions announced to other processes over Redis ({@code CASCADE_REDIS_URI})
 * or nowhere when there is one process, the subscription gateway embedded on {@code /graphql}, and
 * the host registry.
 */
@Configuration(proxyBeanMethods = false)
@Import(GatewayConfiguration.class)
class PropagationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PropagationConfiguration.class);

    @Bean(destroyMethod = "close")
    RevisionBus revisionBus(@Value("${cascade.redis-uri:}") String uri) {
        if (uri.isBlank()) {
            return new LocalRevisionBus();
        }
        log.info(
                "Revisions announced through Redis at {}",
                io.lettuce.core.RedisURI.create(uri).getHost());
        return new RedisRevisionBus(uri);
    }

    @Bean
    RevisionAnnouncer revisionAnnouncer(
            RevisionBus bus,
            OpenTelemetry openTelemetry,
            NamespaceSnapshots snapshots,
            ReplicaCatchUp replicas,
            RevisionEvents events) {
        RevisionAnnouncer announcer =
                new RevisionAnnouncer(bus, openTelemetry.getTracer("io.cascade.server"), snapshots, replicas);
        events.subscribe(announcer);
        return announcer;
    }

    @Bean
    GatewayState gatewayState(
            NamespaceSnapshots snapshots,
            RevisionEvents events,
            RolloutRegistry rollouts,
            AuditTrail audit,
            JsonMapper json) {
        return new EmbeddedGatewayState(snapshots, events, rollouts, audit, json);
    }

    @Bean
    KeyVerifier keyVerifier(KeyService keys) {
        return new ServerKeyVerifier(keys);
    }

    @Bean
    HostStore hostStore(MongoDatabase database) {
        return new HostStore(database);
    }

    @Bean
    HostRegistry hostRegistry(HostStore store, Clock clock) {
        return new HostRegistry(store, clock);
    }
}
