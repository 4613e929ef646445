package io.cascade.server.api;

import io.cascade.server.auth.Access;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Role;
import io.cascade.server.error.CascadeException;
import io.cascade.server.store.WebhookDeliveryStore.Delivery;
import io.cascade.server.webhook.WebhookService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Webhooks over GraphQL; every operation needs {@code ADMIN} in the namespace. */
@Controller
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** A webhook just created or rotated: its secret, shown once. */
    record CreatedWebhook(String id, String secret, WebhookService.View webhook) {
        static CreatedWebhook of(WebhookService.Created created) {
            return new CreatedWebhook(
                    created.webhook().id(), created.secret(), WebhookService.View.of(created.webhook()));
        }
    }

    @QueryMapping
    List<WebhookService.View> webhooks(@Argument String namespace, @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return webhooks.list(namespace);
    }

    @QueryMapping
    WebhookService.View webhook(
            @Argument String namespace, @Argument String id, @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return webhooks.get(namespace, id);
    }

    @QueryMapping
    Views.Connection<Delivery> webhookDeliveries(
            @Argument String namespace,
            @Argument String webhookId,
            @Argument Integer first,
            @Argument String after,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        int size = Views.pageSize(first);
        long before = after == null ? Long.MAX_VALUE : sequenceCursor(after);
        List<Delivery> page = webhooks.deliveries(namespace, webhookId, before, size + 1);
        List<Views.Edge<Delivery>> edges = new ArrayList<>();
        for (Delivery delivery : page.subList(0, Math.min(size, page.size()))) {
            edges.add(new Views.Edge<>(Views.cursor("delivery", String.valueOf(delivery.sequence())), delivery));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Views.Connection<>(edges, new Views.PageInfo(page.size() > size, end));
    }

    @MutationMapping
    CreatedWebhook createWebhook(
            @Argument String namespace,
            @Argument String url,
            @Argument List<String> events,
            @Argument String description,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return CreatedWebhook.of(webhooks.create(actor, namespace, url, events, description));
    }

    @MutationMapping
    WebhookService.View updateWebhook(
            @Argument String namespace,
            @Argument String id,
            @Argument String url,
            @Argument List<String> events,
            @Argument Boolean enabled,
            @Argument String description,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return webhooks.update(actor, namespace, id, url, events, enabled, description);
    }

    @MutationMapping
    CreatedWebhook rotateWebhookSecret(
            @Argument String namespace, @Argument String id, @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return CreatedWebhook.of(webhooks.rotate(actor, namespace, id));
    }

    @MutationMapping
    WebhookService.View deleteWebhook(
            @Argument String namespace, @Argument String id, @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return webhooks.delete(actor, namespace, id);
    }

    @MutationMapping
    Delivery redeliverWebhook(
            @Argument String namespace,
            @Argument String webhookId,
            @Argument String deliveryId,
            @ContextValue(ActorInterceptor.ACTOR) Actor actor) {
        Access.require(actor.principal(), namespace, Role.ADMIN);
        return webhooks.redeliver(actor, namespace, webhookId, deliveryId);
    }

    private static long sequenceCursor(String cursor) {
        try {
            return Long.parseLong(Views.decodeCursor("delivery", cursor));
        } catch (NumberFormatException e) {
            throw CascadeException.badInput("cursor '" + cursor + "' is not a delivery cursor");
        }
    }
}
