package io.cascade.server.webhook;

import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.SecretBox;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.store.RevisionStore;
import io.cascade.server.store.StoreHealth;
import io.cascade.server.store.WebhookDeliveryStore;
import io.cascade.server.store.WebhookDeliveryStore.Delivery;
import io.cascade.server.store.WebhookDeliveryStore.Status;
import io.cascade.server.store.WebhookStore;
import io.cascade.server.store.WebhookStore.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends webhooks. Everything it works from is in the store, so whichever replica runs it, and
 * whenever it restarts, it picks up where the last one left off.
 *
 * <p>NOTES. One loop thread runs a round every poll interval, or sooner when woken (a revision was
 * committed, a webhook changed, an attempt ended). A round first has the {@link EventIntake} turn
 * new revisions, and new change and rollout steps of the audit chain, into deliveries, then, per
 * webhook, <b>attempts the oldest pending delivery</b> when it is due: claimed in the store (see
 * {@link WebhookDeliveryStore}), then sent on the sender pool. Only the oldest is ever attempted, so a webhook's deliveries arrive in order; one that
 * exhausts its attempts is {@code FAILED} and the next goes. A claim's lease outlasts the longest
 * attempt, so no two processes make the same attempt at the same time. This process never has two
 * attempts of one webhook under way.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    /** How deliveries go out; the settings of {@code cascade.webhook.*}. */
    public record Settings(
            RetryPolicy retry,
            Duration pollInterval,
            Duration connectTimeout,
            Duration timeout,
            int senders,
            boolean send,
            Duration retention) {}

    /** How often finished deliveries older than the retention are deleted. */
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final WebhookStore webhooks;
    private final WebhookDeliveryStore deliveries;
    private final EventIntake intake;
    private final SecretBox secrets;
    private final TargetGuard guard;
    private final StoreHealth store;
    private final Clock clock;
    private final Settings settings;
    private final WebhookSender sender;
    private final ExecutorService pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> unopenable = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread loop;
    private volatile boolean closed;
    private Instant nextPrune = Instant.MIN;

    public WebhookDispatcher(
            WebhookStore webhooks,
            WebhookDeliveryStore deliveries,
            RevisionStore revisions,
            AuditTrail audit,
            NamespaceSnapshots namespaces,
            SecretBox secrets,
            TargetGuard guard,
            StoreHealth store,
            Clock clock,
            WebhookPayloads payloads,
            Settings settings) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.intake = new EventIntake(webhooks, deliveries, revisions, audit, namespaces, payloads, clock);
        this.secrets = secrets;
        this.guard = guard;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.sender = new WebhookSender(settings.connectTimeout(), settings.timeout());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, settings.senders()), runnable -> {
            Thread thread = new Thread(runnable, "cascade-webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::run, "cascade-webhooks");
        this.loop.setDaemon(true);
    }

    /** Starts the loop, unless sending is turned off for this process ({@code cascade.webhook.send=false}). */
    public void start() {
        if (settings.send()) {
            loop.start();
        } else {
            log.info("Webhooks: this process does not send (cascade.webhook.send=false)");
        }
    }

    /** Runs a round soon: something happened that may have made a delivery due. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (!closed) {
            try {
                wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (closed || !store.isUp()) {
                continue;
            }
            try {
                round();
            } catch (RuntimeException e) {
                if (StoreHealth.isOutage(e)) {
                    log.debug("Webhook round stopped by a store outage: {}", e.toString());
                } else {
                    log.warn("Webhook round failed: {}", e.toString());
                }
            }
        }
    }

    /** One round over every webhook: take new events, then attempt what is due; now and then, prune the log. */
    void round() {
        prune();
        for (Webhook webhook : webhooks.all()) {
            try {
                if (intake.take(webhook)) {
                    wake();
                }
                attemptDue(webhook);
            } catch (RuntimeException e) {
                if (StoreHealth.isOutage(e)) {
                    throw e;
                }
                log.warn("Webhook {} of {}: {}", webhook.id(), webhook.namespace(), e.toString());
            }
        }
    }

    private void prune() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        long deleted = deliveries.deleteFinishedBefore(now.minus(settings.retention()));
        if (deleted > 0) {
            log.info("Webhooks: deleted {} finished deliveries older than {}", deleted, settings.retention());
        }
    }

    private void attemptDue(Webhook read) {
        if (!read.enabled() || inFlight.contains(read.id())) {
            return;
        }
        Delivery next = deliveries.oldestPending(read.id());
        Instant now = clock.instant();
        if (next == null
                || next.claimedAt(now)
                || (next.nextAttemptAt() != null && next.nextAttemptAt().isAfter(now))) {
            return;
        }
        // Read again: the round's copy may predate a rotation, a new URL or a disable.
        Webhook webhook = webhooks.find(read.id());
        if (webhook == null || !webhook.enabled()) {
            return;
        }
        if (!secrets.canOpen(webhook.secret())) {
            if (unopenable.add(webhook.id())) {
                log.error(
                        "Webhook {} of {}: its secret was sealed with another key than this server's; set the same"
                                + " CASCADE_SECRET_KEY on every replica. This process leaves it to the others.",
                        webhook.id(),
                        webhook.namespace());
            }
            return;
        }
        String token = UUID.randomUUID().toString();
        Duration lease = sender.longest().plus(settings.connectTimeout()).plus(LEASE_MARGIN);
        Delivery claimed = deliveries.claim(next, token, now, now.plus(lease));
        if (claimed == null) {
            return;
        }
        inFlight.add(webhook.id());
        try {
            pool.execute(() -> {
                try {
                    attempt(webhook, claimed, token);
                } finally {
                    inFlight.remove(webhook.id());
                    wake();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(webhook.id());
        }
    }

    /** Sends one claimed attempt and records how it went. */
    private void attempt(Webhook webhook, Delivery delivery, String token) {
        WebhookSender.Outcome outcome;
        try {
            TargetGuard.Target target = guard.check(webhook.url());
            byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cascade-Event", delivery.event());
            headers.put("Cascade-Delivery", delivery.id());
            headers.put(
                    "Cascade-Signature",
                    Signatures.header(clock.instant().getEpochSecond(), body, signingSecrets(webhook)));
            outcome = sender.post(target.uri(), headers, body);
        } catch (CascadeException refused) {
            outcome = new WebhookSender.Outcome(null, "refused by the forgery guard: " + refused.getMessage());
        } catch (RuntimeException e) {
            outcome = new WebhookSender.Outcome(null, "not sent: " + e);
        }
        record(delivery, token, outcome);
    }

    private void record(Delivery delivery, String token, WebhookSender.Outcome outcome) {
        Instant now = clock.instant();
        boolean kept;
        try {
            if (outcome.delivered()) {
                kept = deliveries.finish(delivery.id(), token, Status.DELIVERED, outcome.statusCode(), null, null, now);
            } else {
                int spent = delivery.attempts() - delivery.attemptBase();
                boolean exhausted = settings.retry().exhausted(spent);
                Instant next = exhausted
                        ? null
                        : now.plus(settings.retry()
                                .delayAfter(spent, ThreadLocalRandom.current().nextDouble()));
                kept = deliveries.finish(
                        delivery.id(),
                        token,
                        exhausted ? Status.FAILED : Status.PENDING,
                        outcome.statusCode(),
                        outcome.error(),
                        next,
                        null);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Webhook delivery {}: could not record attempt {}: {}",
                    delivery.id(),
                    delivery.attempts(),
                    e.toString());
            return;
        }
        if (kept && !outcome.delivered() && settings.retry().exhausted(delivery.attempts() - delivery.attemptBase())) {
            log.warn(
                    "Webhook delivery {} of {} FAILED after {} attempts; the next one goes. Last: {}",
                    delivery.id(),
                    delivery.namespace(),
                    delivery.attempts() - delivery.attemptBase(),
                    outcome.error());
        }
        if (!kept) {
            log.debug(
                    "Webhook delivery {}: attempt {} outcome not recorded, its claim was lost",
                    delivery.id(),
                    delivery.attempts());
        }
    }

    /** The current secret, then the previous one while its grace period lasts. */
    private List<String> signingSecrets(Webhook webhook) {
        List<String> out = new ArrayList<>(2);
        out.add(secrets.open(webhook.secret(), webhook.id()));
        if (webhook.previousSecret() != null
                && webhook.previousSecretUntil() != null
                && webhook.previousSecretUntil().isAfter(clock.instant())
                && secrets.canOpen(webhook.previousSecret())) {
            out.add(secrets.open(webhook.previousSecret(), webhook.id()));
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        loop.interrupt();
        pool.shutdownNow();
        sender.close();
    }
}
