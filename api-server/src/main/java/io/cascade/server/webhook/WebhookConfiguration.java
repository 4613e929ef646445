package io.cascade.server.webhook;

import com.mongodb.client.MongoDatabase;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.SecretBox;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.namespace.RevisionEvents;
import io.cascade.server.store.RevisionStore;
import io.cascade.server.store.StoreHealth;
import io.cascade.server.store.WebhookDeliveryStore;
import io.cascade.server.store.WebhookStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks, set by environment: {@code CASCADE_WEBHOOK_ALLOWED_TARGETS} (comma-separated ranges a
 * webhook may reach despite the forgery guard), {@code CASCADE_SECRET_KEY} (the key that seals
 * signing secrets), and the delivery settings {@code CASCADE_WEBHOOK_RETRY_INITIAL} (1s), {@code
 * CASCADE_WEBHOOK_RETRY_MAX} (10m), {@code CASCADE_WEBHOOK_MAX_ATTEMPTS} (15), {@code
 * CASCADE_WEBHOOK_CONNECT_TIMEOUT} (2s), {@code CASCADE_WEBHOOK_TIMEOUT} (5s), {@code
 * CASCADE_WEBHOOK_POLL_INTERVAL} (1s), {@code CASCADE_WEBHOOK_SENDERS} (4), {@code
 * CASCADE_WEBHOOK_ROTATION_GRACE} (24h), {@code CASCADE_WEBHOOK_RETENTION} (30 days: how long
 * finished deliveries stay in the log) and {@code CASCADE_WEBHOOK_SEND} (true; false keeps this
 * process from sending, leaving it to other replicas).
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    SecretBox secretBox(
            @Value("${cascade.secret-key:}") String key, @Value("${cascade.data-dir:./data}") String dataDir) {
        return SecretBox.open(key, Path.of(dataDir));
    }

    @Bean
    TargetGuard targetGuard(@Value("${cascade.webhook.allowed-targets:}") String allowed) {
        TargetGuard guard;
        try {
            guard = TargetGuard.withSystemResolver(Cidr.parseList(allowed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CASCADE_WEBHOOK_ALLOWED_TARGETS: " + e.getMessage(), e);
        }
        if (!guard.allowed().isEmpty()) {
            log.warn("Webhooks may target these otherwise refused ranges: {}", guard.allowed());
        }
        return guard;
    }

    @Bean
    WebhookStore webhookStore(MongoDatabase database) {
        return new WebhookStore(database);
    }

    @Bean
    WebhookDeliveryStore webhookDeliveryStore(MongoDatabase database) {
        WebhookDeliveryStore store = new WebhookDeliveryStore(database);
        store.ensureIndexes();
        return store;
    }

    @Bean(destroyMethod = "close")
    WebhookDispatcher webhookDispatcher(
            WebhookStore webhooks,
            WebhookDeliveryStore deliveries,
            RevisionStore revisions,
            AuditTrail audit,
            NamespaceSnapshots namespaces,
            SecretBox secrets,
            TargetGuard guard,
            StoreHealth store,
            Clock clock,
            JsonMapper json,
            RevisionEvents events,
            @Value("${cascade.webhook.retry-initial:PT1S}") Duration retryInitial,
            @Value("${cascade.webhook.retry-max:PT10M}") Duration retryMax,
            @Value("${cascade.webhook.max-attempts:15}") int maxAttempts,
            @Value("${cascade.webhook.poll-interval:PT1S}") Duration pollInterval,
            @Value("${cascade.webhook.connect-timeout:PT2S}") Duration connectTimeout,
            @Value("${cascade.webhook.timeout:PT5S}") Duration timeout,
            @Value("${cascade.webhook.senders:4}") int senders,
            @Value("${cascade.webhook.send:true}") boolean send,
            @Value("${cascade.webhook.retention:P30D}") Duration retention) {
        WebhookDispatcher.Settings settings = new WebhookDispatcher.Settings(
                new RetryPolicy(retryInitial, retryMax, maxAttempts),
                pollInterval,
                connectTimeout,
                timeout,
                senders,
                send,
                retention);
        WebhookDispatcher dispatcher = new WebhookDispatcher(
                webhooks,
                deliveries,
                revisions,
                audit,
                namespaces,
                secrets,
                guard,
                store,
                clock,
                new WebhookPayloads(json),
                settings);
        events.subscribe((record, after, committedHere) -> dispatcher.wake());
        dispatcher.start();
        return dispatcher;
    }

    @Bean
    WebhookService webhookService(
            WebhookStore webhooks,
            WebhookDeliveryStore deliveries,
            NamespaceSnapshots namespaces,
            SecretBox secrets,
            TargetGuard guard,
            AuditTrail audit,
            Clock clock,
            WebhookDispatcher dispatcher,
            @Value("${cascade.webhook.rotation-grace:PT24H}") Duration rotationGrace) {
        return new WebhookService(
                webhooks, deliveries, namespaces, secrets, guard, audit, clock, rotationGrace, dispatcher::wake);
    }
}
