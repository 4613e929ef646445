package io.cascade.server.namespace;

import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.Selector;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.store.Change;
import io.cascade.server.store.RevisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a committed revision into what the audit trail records: target, before and after. */
final class AuditEvents {

    private AuditEvents() {}

    /** The event of {@code record}, which took the namespace from {@code before} (null when created) to {@code after}. */
    static AuditTrail.Event of(NamespaceState before, NamespaceState after, RevisionRecord record) {
        List<Object> targets = new ArrayList<>();
        List<Object> olds = new ArrayList<>();
        List<Object> news = new ArrayList<>();
        for (Change change : record.changes()) {
            targets.add(target(change, after.dimensions()));
            olds.add(before == null ? null : value(before, change));
            news.add(value(after, change));
        }
        if (targets.size() == 1) {
            return new AuditTrail.Event(
                    record.action(), record.revision(), targets.get(0), olds.get(0), news.get(0), record.message());
        }
        return new AuditTrail.Event(record.action(), record.revision(), targets, olds, news, record.message());
    }

    /** What the changes of a revision acted on, without before and after. */
    static Object targets(RevisionRecord record) {
        List<Object> targets = new ArrayList<>();
        List<String> dimensions = null;
        for (Change change : record.changes()) {
            if (change instanceof Change.NamespaceCreated created) {
                dimensions = created.dimensions();
            }
            targets.add(isLayer(change) ? Map.of("selector", selectorValues(change)) : target(change, dimensions));
        }
        return targets.size() == 1 ? targets.get(0) : targets;
    }

    private static Object target(Change change, List<String> dimensions) {
        if (change instanceof Change.NamespaceCreated created) {
            return Map.of("dimensions", created.dimensions());
        }
        if (change instanceof Change.SchemaRegistered schema) {
            return Map.of("schemaVersion", schema.version());
        }
        if (change instanceof Change.AttributesDeclared) {
            return Map.of("attributes", true);
        }
        String flag = flagKey(change);
        if (flag != null) {
            return Map.of("flag", flag);
        }
        String segment = segmentKey(change);
        if (segment != null) {
            return Map.of("segment", segment);
        }
        return Map.of("selector", Names.toJson(new Selector(selectorValues(change)), dimensions));
    }

    private static boolean isLayer(Change change) {
        return change instanceof Change.LayerPut || change instanceof Change.LayerDeleted;
    }

    private static String flagKey(Change change) {
        if (change instanceof Change.FlagPut put) {
            return put.key();
        }
        return change instanceof Change.FlagDeleted deleted ? deleted.key() : null;
    }

    private static String segmentKey(Change change) {
        if (change instanceof Change.SegmentPut put) {
            return put.key();
        }
        return change instanceof Change.SegmentDeleted deleted ? deleted.key() : null;
    }

    private static Object value(NamespaceState state, Change change) {
        if (change instanceof Change.NamespaceCreated created) {
            return Map.of("dimensions", created.dimensions());
        }
        if (change instanceof Change.SchemaRegistered) {
            SchemaVersion schema = state.schema();
            return schema == null ? null : schema.source();
        }
        if (change instanceof Change.AttributesDeclared) {
            return state.attributes();
        }
        String flag = flagKey(change);
        if (flag != null) {
            Documents.Entry entry = state.flags().get(flag);
            return entry == null ? null : entry.document();
        }
        String segment = segmentKey(change);
        if (segment != null) {
            Documents.Entry entry = state.segments().get(segment);
            return entry == null ? null : entry.document();
        }
        Layer layer = state.layers().get(new Selector(selectorValues(change)));
        return layer == null ? null : layer.content();
    }

    private static List<String> selectorValues(Change change) {
        return change instanceof Change.LayerPut put ? put.selector() : ((Change.LayerDeleted) change).selector();
    }
}
