package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code cascade webhooks}: webhooks of a namespace and their deliveries. */
@Command(
        name = "webhooks",
        description = "Webhooks: create, list, update, rotate, delete; their deliveries and redelivery."
                + " Needs ADMIN in the namespace. Secrets are shown once.")
final class WebhookCommand extends CommandSupport {

    private static final String WEBHOOK_FIELDS =
            "id namespace url events description enabled createdAt createdBy secretRotatedAt previousSecretValidUntil";
    private static final String DELIVERY_FIELDS =
            "id event status attempts lastStatusCode lastError revision occurredAt nextAttemptAt lastAttemptAt deliveredAt";
    private static final String CREATE = "mutation($namespace: String!, $url: String!, $events: [String!],"
            + " $description: String) { createWebhook(namespace: $namespace, url: $url, events: $events,"
            + " description: $description) { id secret webhook { " + WEBHOOK_FIELDS + " } } }";
    private static final String LIST =
            "query($namespace: String!) { webhooks(namespace: $namespace) { " + WEBHOOK_FIELDS + " } }";
    private static final String UPDATE = "mutation($namespace: String!, $id: ID!, $url: String, $events: [String!],"
            + " $enabled: Boolean, $description: String) { updateWebhook(namespace: $namespace, id: $id, url: $url,"
            + " events: $events, enabled: $enabled, description: $description) { " + WEBHOOK_FIELDS + " } }";
    private static final String ROTATE = "mutation($namespace: String!, $id: ID!) {"
            + " rotateWebhookSecret(namespace: $namespace, id: $id) { id secret webhook { " + WEBHOOK_FIELDS + " } } }";
    private static final String DELETE = "mutation($namespace: String!, $id: ID!) {"
            + " deleteWebhook(namespace: $namespace, id: $id) { " + WEBHOOK_FIELDS + " } }";
    private static final String DELIVERIES = "query($namespace: String!, $id: ID!, $first: Int, $after: String) {"
            + " webhookDeliveries(namespace: $namespace, webhookId: $id, first: $first, after: $after) {"
            + " edges { node { " + DELIVERY_FIELDS + " } } pageInfo { hasNextPage endCursor } } }";
    private static final String REDELIVER = "mutation($namespace: String!, $id: ID!, $delivery: ID!) {"
            + " redeliverWebhook(namespace: $namespace, webhookId: $id, deliveryId: $delivery) { " + DELIVERY_FIELDS
            + " } }";

    @Command(
            name = "create",
            description = {
                "Register a webhook and print its signing secret, once.",
                "Events: revision.committed, change.*, rollout.*, ... or * (the default)."
            })
    int create(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--url", required = true, paramLabel = "URL", description = "http or https URL to POST to.")
                    String url,
            @Option(
                            names = "--event",
                            paramLabel = "EVENT",
                            description = "An event or family to send (repeatable; default: all).")
                    List<String> events,
            @Option(names = "--description", paramLabel = "TEXT") String description) {
        return run(() -> {
            JsonNode created = api().execute(
                            CREATE, "namespace", namespace, "url", url, "events", events, "description", description)
                    .path("createWebhook");
            if (json()) {
                printJson(created);
                return ExitStatus.OK.code();
            }
            out().println("Created webhook " + created.path("id").asString() + " for " + namespace + " -> "
                    + created.path("webhook").path("url").asString() + ".");
            printSecret(created);
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "list", description = "List a namespace's webhooks (never their secrets).")
    int list(@Parameters(paramLabel = "NS") String namespace) {
        return run(() -> {
            JsonNode webhooks = api().execute(LIST, "namespace", namespace).path("webhooks");
            if (json()) {
                printJson(webhooks);
                return ExitStatus.OK.code();
            }
            Table table = Table.of("ID", "URL", "EVENTS", "ENABLED", "DESCRIPTION");
            for (JsonNode webhook : webhooks) {
                table.row(
                        Json.cell(webhook.get("id")),
                        Json.cell(webhook.get("url")),
                        events(webhook.path("events")),
                        webhook.path("enabled").asBoolean() ? "yes" : "no",
                        Json.cell(webhook.get("description")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "update", description = "Change a webhook's URL, events, description, or enable or disable it.")
    int update(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Option(names = "--url", paramLabel = "URL") String url,
            @Option(names = "--event", paramLabel = "EVENT", description = "Replaces the event filter (repeatable).")
                    List<String> events,
            @Option(names = "--description", paramLabel = "TEXT") String description,
            @Option(names = "--enable", description = "Send events again.") boolean enable,
            @Option(names = "--disable", description = "Stop sending; events meanwhile are skipped.") boolean disable) {
        return run(() -> {
            if (enable && disable) {
                throw CliException.usage("--enable and --disable exclude each other");
            }
            Boolean enabled = enable ? Boolean.TRUE : disable ? Boolean.FALSE : null;
            JsonNode webhook = api().execute(
                            UPDATE,
                            "namespace",
                            namespace,
                            "id",
                            id,
                            "url",
                            url,
                            "events",
                            events,
                            "enabled",
                            enabled,
                            "description",
                            description)
                    .path("updateWebhook");
            if (json()) {
                printJson(webhook);
            } else {
                out().println("Updated webhook " + id + ".");
            }
            return ExitStatus.OK.code();
        });
    }

    @Command(
            name = "rotate",
            description =
                    "Give a webhook a new signing secret, printed once; the old one stays valid for a grace period.")
    int rotate(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "ID") String id) {
        return run(() -> {
            JsonNode rotated =
                    api().execute(ROTATE, "namespace", namespace, "id", id).path("rotateWebhookSecret");
            if (json()) {
                printJson(rotated);
                return ExitStatus.OK.code();
            }
            out().println("Rotated the secret of webhook " + id + "; the previous one is valid until "
                    + Json.cell(rotated.path("webhook").get("previousSecretValidUntil")) + ".");
            printSecret(rotated);
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "delete", description = "Delete a webhook and its delivery log.")
    int delete(@Parameters(paramLabel = "NS") String namespace, @Parameters(paramLabel = "ID") String id) {
        return run(() -> {
            JsonNode deleted =
                    api().execute(DELETE, "namespace", namespace, "id", id).path("deleteWebhook");
            if (json()) {
                printJson(deleted);
            } else {
                out().println("Deleted webhook " + id + ".");
            }
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "deliveries", description = "List a webhook's deliveries, newest first.")
    int deliveries(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N (default 20).")
                    int limit) {
        return run(() -> {
            if (limit < 1) {
                throw CliException.usage("--limit must be at least 1");
            }
            ArrayNode deliveries = Json.MAPPER.createArrayNode();
            String after = null;
            do {
                JsonNode page = api().execute(
                                DELIVERIES,
                                "namespace",
                                namespace,
                                "id",
                                id,
                                "first",
                                Math.min(100, limit - deliveries.size()),
                                "after",
                                after)
                        .path("webhookDeliveries");
                for (JsonNode edge : page.path("edges")) {
                    deliveries.add(edge.path("node"));
                }
                boolean more = page.path("pageInfo").path("hasNextPage").asBoolean(false)
                        && !page.path("edges").isEmpty();
                after = more ? page.path("pageInfo").path("endCursor").asString() : null;
            } while (after != null && deliveries.size() < limit);
            if (json()) {
                printJson(deliveries);
                return ExitStatus.OK.code();
            }
            Table table = Table.of(
                    "ID", "EVENT", "REVISION", "STATUS", "ATTEMPTS", "LAST STATUS", "NEXT ATTEMPT", "LAST ERROR");
            for (JsonNode delivery : deliveries) {
                table.row(
                        Json.cell(delivery.get("id")),
                        Json.cell(delivery.get("event")),
                        Json.cell(delivery.get("revision")),
                        Json.cell(delivery.get("status")),
                        Json.cell(delivery.get("attempts")),
                        Json.cell(delivery.get("lastStatusCode")),
                        Json.cell(delivery.get("nextAttemptAt")),
                        Json.cell(delivery.get("lastError")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "redeliver", description = "Send a delivery again: same id and body, a fresh set of attempts.")
    int redeliver(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ID") String id,
            @Parameters(paramLabel = "DELIVERY") String delivery) {
        return run(() -> {
            JsonNode restarted = api().execute(REDELIVER, "namespace", namespace, "id", id, "delivery", delivery)
                    .path("redeliverWebhook");
            if (json()) {
                printJson(restarted);
            } else {
                out().println("Delivery " + delivery + " is "
                        + restarted.path("status").asString() + " again.");
            }
            return ExitStatus.OK.code();
        });
    }

    private void printSecret(JsonNode created) {
        out().println();
        out().println("Signing secret (shown once; store it now, it cannot be shown again):");
        out().println();
        out().println("    " + created.path("secret").asString());
        out().println();
        out().println("Verify each request's Cascade-Signature with it (see docs/webhooks.md).");
    }

    private static String events(JsonNode events) {
        StringBuilder out = new StringBuilder();
        for (JsonNode event : events) {
            out.append(out.length() == 0 ? "" : ",").append(event.asString());
        }
        return out.length() == 0 ? "-" : out.toString();
    }
}
