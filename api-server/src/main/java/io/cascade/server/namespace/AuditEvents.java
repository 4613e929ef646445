package io.cascade.server.namespace;

import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.SchemaVersion;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.store.RevisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a committed revision into what the audit trail records: target, before and after. */
final class AuditEvents {

    private AuditEvents() {}

    /** The event of {@code record}, which took the namespace from {@code before} (null when created) to {@code after}. */
    static AuditTrail.Event of(Snapshot before, Snapshot after, RevisionRecord record) {
        List<Object> targets = new ArrayList<>();
        List<Object> olds = new ArrayList<>();
        List<Object> news = new ArrayList<>();
        for (Change change : record.changes()) {
            targets.add(change.accept(new Target(after.dimensions())));
            olds.add(before == null ? null : change.accept(new Value(before)));
            news.add(change.accept(new Value(after)));
        }
        if (targets.size() == 1) {
            return new AuditTrail.Event(
                    record.action(), record.revision(), targets.get(0), olds.get(0), news.get(0), record.message());
        }
        return new AuditTrail.Event(record.action(), record.revision(), targets, olds, news, record.message());
    }

    /** What the changes of a revision acted on, without before and after; selectors as their value lists. */
    static Object targets(RevisionRecord record) {
        List<Object> targets = new ArrayList<>();
        for (Change change : record.changes()) {
            targets.add(change.accept(new Target(null)));
        }
        return targets.size() == 1 ? targets.get(0) : targets;
    }

    /** What a change acted on: a selector (by dimension when they are known), a key, a version. */
    private record Target(List<String> dimensions) implements Change.Visitor<Object> {

        @Override
        public Object namespaceCreated(Change.NamespaceCreated change) {
            return Map.of("dimensions", change.dimensions());
        }

        @Override
        public Object layerPut(Change.LayerPut change) {
            return selector(change.selector());
        }

        @Override
        public Object layerDeleted(Change.LayerDeleted change) {
            return selector(change.selector());
        }

        private Object selector(List<String> values) {
            return Map.of("selector", dimensions == null ? values : Names.toJson(new Selector(values), dimensions));
        }

        @Override
        public Object schemaRegistered(Change.SchemaRegistered change) {
            return Map.of("schemaVersion", change.version());
        }

        @Override
        public Object flagPut(Change.FlagPut change) {
            return Map.of("flag", change.key());
        }

        @Override
        public Object flagDeleted(Change.FlagDeleted change) {
            return Map.of("flag", change.key());
        }

        @Override
        public Object segmentPut(Change.SegmentPut change) {
            return Map.of("segment", change.key());
        }

        @Override
        public Object segmentDeleted(Change.SegmentDeleted change) {
            return Map.of("segment", change.key());
        }

        @Override
        public Object attributesDeclared(Change.AttributesDeclared change) {
            return Map.of("attributes", true);
        }
    }

    /** What the object a change acted on holds in {@code state}; null when it does not exist there. */
    private record Value(Snapshot state) implements Change.Visitor<Object> {

        @Override
        public Object namespaceCreated(Change.NamespaceCreated change) {
            return Map.of("dimensions", change.dimensions());
        }

        @Override
        public Object layerPut(Change.LayerPut change) {
            return layer(change.selector());
        }

        @Override
        public Object layerDeleted(Change.LayerDeleted change) {
            return layer(change.selector());
        }

        private Object layer(List<String> selector) {
            Layer layer = state.layers().get(new Selector(selector));
            return layer == null ? null : layer.content();
        }

        @Override
        public Object schemaRegistered(Change.SchemaRegistered change) {
            SchemaVersion schema = state.schema();
            return schema == null ? null : schema.source();
        }

        @Override
        public Object flagPut(Change.FlagPut change) {
            return document(state.flags(), change.key());
        }

        @Override
        public Object flagDeleted(Change.FlagDeleted change) {
            return document(state.flags(), change.key());
        }

        @Override
        public Object segmentPut(Change.SegmentPut change) {
            return document(state.segments(), change.key());
        }

        @Override
        public Object segmentDeleted(Change.SegmentDeleted change) {
            return document(state.segments(), change.key());
        }

        private static Object document(Documents documents, String key) {
            Documents.Entry entry = documents.get(key);
            return entry == null ? null : entry.document();
        }

        @Override
        public Object attributesDeclared(Change.AttributesDeclared change) {
            return state.attributes();
        }
    }
}
