package io.cascade.server.webhook;

import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.server.audit.AuditEntry;
import io.cascade.server.namespace.Names;
import io.cascade.server.store.RevisionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies webhooks receive: {@code {"id", "event", "namespace", "revision", "occurredAt",
 * "data"}}. For {@code revision.committed}, {@code data} says what the revision did and who did it,
 * naming what changed (selectors, flag and segment keys, schema versions) but not the content. For
 * a change request's or rollout's step (an audit entry), {@code data} carries the audit action, the
 * entry's sequence, its target (the change request or rollout id), the actor (key id and name, never
 * a secret), the message (a rejection's comment, an abort's reason) and, when the step committed a
 * revision, {@code committedRevision}; not the entry's before and after states.
 */
final class WebhookPayloads {

    private final JsonMapper json;

    WebhookPayloads(JsonMapper json) {
        this.json = json;
    }

    String revisionCommitted(String deliveryId, RevisionRecord record, List<String> dimensions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", record.action());
        data.put("author", record.author());
        data.put("message", record.message());
        List<Object> changes = new ArrayList<>();
        for (Change change : record.changes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", change.kind());
            entry.put("action", change.action());
            entry.putAll(change.accept(new Target(dimensions)));
            changes.add(entry);
        }
        data.put("changes", changes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", deliveryId);
        body.put("event", WebhookEvents.REVISION_COMMITTED);
        body.put("namespace", record.namespace());
        body.put("revision", record.revision());
        body.put("occurredAt", record.committedAt().toString());
        body.put("data", data);
        return json.writeValueAsString(body);
    }

    /**
     * The body of an audit step: {@code revision} is the revision the step committed, if it did, else
     * the newest revision the audit chain had recorded before the step.
     */
    String auditStep(String deliveryId, String event, AuditEntry entry, int revision) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("keyId", entry.actorKeyId());
        actor.put("name", entry.actor());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", entry.action());
        data.put("sequence", entry.sequence());
        data.put("target", entry.target() == null ? null : json.readTree(entry.target()));
        data.put("actor", actor);
        data.put("message", entry.message());
        if (entry.revision() != null) {
            data.put("committedRevision", entry.revision());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", deliveryId);
        body.put("event", event);
        body.put("namespace", entry.namespace());
        body.put("revision", revision);
        body.put("occurredAt", entry.at().toString());
        body.put("data", data);
        return json.writeValueAsString(body);
    }

    /** What one change acted on. */
    private record Target(List<String> dimensions) implements Change.Visitor<Map<String, Object>> {

        @Override
        public Map<String, Object> namespaceCreated(Change.NamespaceCreated change) {
            return Map.of("dimensions", change.dimensions());
        }

        @Override
        public Map<String, Object> layerPut(Change.LayerPut change) {
            return selector(change.selector());
        }

        @Override
        public Map<String, Object> layerDeleted(Change.LayerDeleted change) {
            return selector(change.selector());
        }

        private Map<String, Object> selector(List<String> values) {
            if (dimensions.size() != values.size()) {
                return Map.of("selector", values);
            }
            return Map.of("selector", Names.toJson(new Selector(values), dimensions));
        }

        @Override
        public Map<String, Object> schemaRegistered(Change.SchemaRegistered change) {
            return Map.of("schemaVersion", change.version());
        }

        @Override
        public Map<String, Object> flagPut(Change.FlagPut change) {
            return Map.of("key", change.key());
        }

        @Override
        public Map<String, Object> flagDeleted(Change.FlagDeleted change) {
            return Map.of("key", change.key());
        }

        @Override
        public Map<String, Object> segmentPut(Change.SegmentPut change) {
            return Map.of("key", change.key());
        }

        @Override
        public Map<String, Object> segmentDeleted(Change.SegmentDeleted change) {
            return Map.of("key", change.key());
        }

        @Override
        public Map<String, Object> attributesDeclared(Change.AttributesDeclared change) {
            return Map.of("attributes", List.copyOf(change.attributes().keySet()));
        }
    }
}
