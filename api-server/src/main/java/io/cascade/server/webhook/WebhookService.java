package io.cascade.server.webhook;

import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.SecretBox;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import io.cascade.server.namespace.NamespaceSnapshots;
import io.cascade.server.store.WebhookDeliveryStore;
import io.cascade.server.store.WebhookDeliveryStore.Delivery;
import io.cascade.server.store.WebhookStore;
import io.cascade.server.store.WebhookStore.Webhook;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registering webhooks: create (the signing secret is in the answer and never again), list,
 * update, rotate the secret, delete, and redeliver one delivery. Each change is checked in full
 * before anything is written and is audited in the namespace's chain, never with a secret.
 */
public final class WebhookService {

    static final int MAX_PER_NAMESPACE = 25;
    static final int MAX_DESCRIPTION = 200;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private final WebhookStore webhooks;
    private final WebhookDeliveryStore deliveries;
    private final NamespaceSnapshots namespaces;
    private final SecretBox secrets;
    private final TargetGuard guard;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration rotationGrace;
    private final Runnable wake;

    public WebhookService(
            WebhookStore webhooks,
            WebhookDeliveryStore deliveries,
            NamespaceSnapshots namespaces,
            SecretBox secrets,
            TargetGuard guard,
            AuditTrail audit,
            Clock clock,
            Duration rotationGrace,
            Runnable wake) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.namespaces = namespaces;
        this.secrets = secrets;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
        this.rotationGrace = rotationGrace;
        this.wake = wake;
    }

    /** A webhook just created or rotated, with its signing secret in clear: shown once. */
    public record Created(Webhook webhook, String secret) {}

    /** What the API shows of a webhook: never a secret. */
    public record View(
            String id,
            String namespace,
            String url,
            List<String> events,
            String description,
            boolean enabled,
            Instant createdAt,
            String createdBy,
            Instant secretRotatedAt,
            Instant previousSecretValidUntil) {

        public static View of(Webhook webhook) {
            return new View(
                    webhook.id(),
                    webhook.namespace(),
                    webhook.url(),
                    webhook.events(),
                    webhook.description(),
                    webhook.enabled(),
                    webhook.createdAt(),
                    webhook.createdBy(),
                    webhook.secretRotatedAt(),
                    webhook.previousSecretUntil());
        }
    }

    /**
     * Registers a webhook; deliveries start with the next revision of the namespace and the next
     * entry of its audit chain. The chain's head is read before the revision's, so no step recorded
     * after a revision the webhook skips is ordered before that revision.
     */
    public Created create(Actor actor, String namespace, String url, List<String> events, String description) {
        int auditHead = audit.lastSequence(namespace);
        int head = namespaces.head(namespace).revision();
        URI target = guard.check(url).uri();
        List<String> filter = WebhookEvents.filter(events);
        checkDescription(description);
        if (webhooks.list(namespace).size() >= MAX_PER_NAMESPACE) {
            throw CascadeException.limit(
                    "webhooksPerNamespace",
                    MAX_PER_NAMESPACE,
                    "namespace '" + namespace + "' has " + MAX_PER_NAMESPACE + " webhooks, the most it may have");
        }
        String id = newId();
        String secret = newSecret();
        Instant now = clock.instant();
        Webhook webhook = new Webhook(
                id,
                namespace,
                target.toString(),
                filter,
                description,
                true,
                secrets.seal(secret, id),
                null,
                null,
                null,
                head,
                auditHead,
                head,
                now,
                actor.name(),
                1);
        webhooks.insert(webhook);
        audit.append(
                namespace,
                actor,
                new AuditTrail.Event("webhook.create", null, Map.of("webhookId", id), null, describe(webhook), null));
        return new Created(webhook, secret);
    }

    /** The namespace's webhooks, oldest first. */
    public List<View> list(String namespace) {
        namespaces.head(namespace);
        return webhooks.list(namespace).stream().map(View::of).toList();
    }

    public View get(String namespace, String id) {
        return View.of(find(namespace, id));
    }

    /** Changes the URL, the event filter, whether it is enabled, or its description; null leaves a setting as it is. */
    public View update(
            Actor actor,
            String namespace,
            String id,
            String url,
            List<String> events,
            Boolean enabled,
            String description) {
        Webhook before = find(namespace, id);
        String nextUrl = url == null ? before.url() : guard.check(url).uri().toString();
        List<String> nextEvents = events == null ? before.events() : WebhookEvents.filter(events);
        if (description != null) {
            checkDescription(description);
        }
        Webhook after = new Webhook(
                before.id(),
                before.namespace(),
                nextUrl,
                nextEvents,
                description == null ? before.description() : description,
                enabled == null ? before.enabled() : enabled,
                before.secret(),
                before.previousSecret(),
                before.previousSecretUntil(),
                before.secretRotatedAt(),
                before.cursor(),
                before.auditCursor(),
                before.auditRevision(),
                before.createdAt(),
                before.createdBy(),
                before.version() + 1);
        if (!webhooks.update(after, before.version())) {
            throw changedMeanwhile(id);
        }
        audit.append(
                namespace,
                actor,
                new AuditTrail.Event(
                        "webhook.update", null, Map.of("webhookId", id), describe(before), describe(after), null));
        wake.run();
        return View.of(after);
    }

    /**
     * A new signing secret, returned once. The old one stays valid for the grace period: until it
     * ends every delivery carries a signature with each.
     */
    public Created rotate(Actor actor, String namespace, String id) {
        Webhook before = find(namespace, id);
        String secret = newSecret();
        Instant now = clock.instant();
        Instant graceUntil = now.plus(rotationGrace);
        Webhook after = new Webhook(
                before.id(),
                before.namespace(),
                before.url(),
                before.events(),
                before.description(),
                before.enabled(),
                secrets.seal(secret, id),
                before.secret(),
                graceUntil,
                now,
                before.cursor(),
                before.auditCursor(),
                before.auditRevision(),
                before.createdAt(),
                before.createdBy(),
                before.version() + 1);
        if (!webhooks.update(after, before.version())) {
            throw changedMeanwhile(id);
        }
        Map<String, Object> rotated = new LinkedHashMap<>();
        rotated.put("previousSecretValidUntil", graceUntil.toString());
        audit.append(
                namespace,
                actor,
                new AuditTrail.Event("webhook.rotate", null, Map.of("webhookId", id), null, rotated, null));
        return new Created(after, secret);
    }

    /** Deletes the webhook and its delivery log; an attempt under way finishes but is not recorded. */
    public View delete(Actor actor, String namespace, String id) {
        Webhook before = find(namespace, id);
        if (!webhooks.delete(id)) {
            throw CascadeException.notFound("no webhook " + id + " in namespace '" + namespace + "'");
        }
        deliveries.deleteAll(id);
        audit.append(
                namespace,
                actor,
                new AuditTrail.Event("webhook.delete", null, Map.of("webhookId", id), describe(before), null, null));
        return View.of(before);
    }

    /** Up to {@code limit} deliveries of the webhook older than {@code beforeSequence}, newest first. */
    public List<Delivery> deliveries(String namespace, String webhookId, long beforeSequence, int limit) {
        find(namespace, webhookId);
        return deliveries.page(webhookId, beforeSequence, limit);
    }

    /**
     * Sends a delivery again, whatever its status, with the same id and body and a fresh attempt
     * budget. {@code CONFLICT} while an attempt of it is under way.
     */
    public Delivery redeliver(Actor actor, String namespace, String webhookId, String deliveryId) {
        find(namespace, webhookId);
        Delivery delivery = deliveryId == null ? null : deliveries.find(deliveryId);
        if (delivery == null || !delivery.webhookId().equals(webhookId)) {
            throw CascadeException.notFound("no delivery " + deliveryId + " of webhook " + webhookId);
        }
        Instant now = clock.instant();
        Delivery restarted = delivery.claimedAt(now) ? null : deliveries.restart(delivery, now);
        if (restarted == null) {
            throw CascadeException.conflict(
                    "delivery " + deliveryId + " is being attempted right now; try again when the attempt ends",
                    Map.of("deliveryId", deliveryId));
        }
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("webhookId", webhookId);
        target.put("deliveryId", deliveryId);
        audit.append(
                namespace,
                actor,
                new AuditTrail.Event(
                        "webhook.redeliver",
                        null,
                        target,
                        Map.of("status", delivery.status().name()),
                        Map.of("status", restarted.status().name()),
                        null));
        wake.run();
        return restarted;
    }

    private Webhook find(String namespace, String id) {
        namespaces.head(namespace);
        Webhook webhook = id == null ? null : webhooks.find(id);
        if (webhook == null || !webhook.namespace().equals(namespace)) {
            throw CascadeException.notFound("no webhook " + id + " in namespace '" + namespace + "'");
        }
        return webhook;
    }

    private static void checkDescription(String description) {
        if (description != null && (description.length() > MAX_DESCRIPTION || !Names.isPrintable(description, false))) {
            throw CascadeException.badInput("description must be at most " + MAX_DESCRIPTION
                    + " characters without control or bidi characters");
        }
    }

    private static CascadeException changedMeanwhile(String id) {
        return new CascadeException(
                ApiErrorCode.CONFLICT,
                "webhook " + id + " was changed by another request meanwhile; read it and try again",
                Map.of("webhookId", id));
    }

    /** What the audit trail records of a webhook: its settings, never a secret; the URL without its query. */
    static Map<String, Object> describe(Webhook webhook) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", webhook.id());
        out.put("url", redacted(webhook.url()));
        out.put("events", webhook.events());
        out.put("description", webhook.description());
        out.put("enabled", webhook.enabled());
        return out;
    }

    /** The URL with its query replaced: query strings often carry tokens. */
    static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?<redacted>";
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("wh_");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
