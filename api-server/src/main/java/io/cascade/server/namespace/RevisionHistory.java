package io.cascade.server.namespace;

import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.SchemaVersion;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.namespace.RevisionDiff.Kind;
import io.cascade.server.namespace.RevisionDiff.LayerDiff;
import io.cascade.server.namespace.RevisionDiff.PathChange;
import io.cascade.server.store.RevisionRecord;
import io.cascade.server.store.RevisionStore;
import io.cascade.server.store.StoreHealth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** What happened to a namespace: its revisions, newest first, and the difference between two of them. */
public final class RevisionHistory {

    private final NamespaceSnapshots snapshots;
    private final RevisionStore store;
    private final RecentRevisions recent;

    public RevisionHistory(NamespaceSnapshots snapshots, RevisionStore store, RecentRevisions recent) {
        this.snapshots = snapshots;
        this.store = store;
        this.recent = recent;
    }

    /**
     * Up to {@code limit} revisions older than {@code beforeRevision}, newest first, read from the
     * store so that every replica answers alike. While the store is down, the newest revisions this
     * process holds answer instead (a page may then stop short where they begin); older ones are
     * {@code STORE_UNAVAILABLE}.
     */
    public List<RevisionRecord> history(String name, int beforeRevision, int limit) {
        snapshots.head(name);
        if (limit == 0) {
            return List.of();
        }
        try {
            return store.loadNewestFirst(name, beforeRevision, limit);
        } catch (RuntimeException e) {
            if (!StoreHealth.isOutage(e)) {
                throw e;
            }
            return recent.newestFirst(name, beforeRevision, limit).orElseThrow(StoreHealth::unavailable);
        }
    }

    public RevisionDiff diff(String name, int from, Integer to) {
        return diff(snapshots.at(name, from), snapshots.at(name, to));
    }

    /**
     * The objects changed by the revisions in {@code (after, upTo]}, each with the newest revision
     * that changed it, named by {@link ChangeTarget}.
     */
    public Map<String, Integer> changedSince(String name, int after, int upTo) {
        Map<String, Integer> changed = new java.util.LinkedHashMap<>();
        if (upTo <= after) {
            return changed;
        }
        for (RevisionRecord record : store.load(name, after, upTo)) {
            for (io.cascade.evaluator.snapshot.Change change : record.changes()) {
                changed.put(ChangeTarget.of(change), record.revision());
            }
        }
        return changed;
    }

    /** What changed from {@code before} to {@code after}, two states of one namespace (real or planned). */
    public static RevisionDiff diff(Snapshot before, Snapshot after) {
        String name = after.namespace();
        List<String> dimensions = after.dimensions();
        Set<Selector> selectors = new LinkedHashSet<>(before.layers().asMap().keySet());
        selectors.addAll(after.layers().asMap().keySet());
        List<LayerDiff> layers = new ArrayList<>();
        for (Selector selector : selectors) {
            Layer old = before.layers().get(selector);
            Layer now = after.layers().get(selector);
            Map<String, Object> oldContent = old == null ? Map.of() : old.content();
            Map<String, Object> newContent = now == null ? Map.of() : now.content();
            List<PathChange> changes = JsonDiff.between(oldContent, newContent);
            Kind kind = old == null ? Kind.ADDED : now == null ? Kind.REMOVED : Kind.MODIFIED;
            if (kind != Kind.MODIFIED || !changes.isEmpty()) {
                layers.add(new LayerDiff(Names.toJson(selector, dimensions), kind, changes));
            }
        }
        boolean schemaChanged = !Objects.equals(version(before.schema()), version(after.schema()));
        return new RevisionDiff(
                name,
                before.revision(),
                after.revision(),
                layers,
                documentDiffs(before.flags(), after.flags()),
                documentDiffs(before.segments(), after.segments()),
                schemaChanged);
    }

    private static List<RevisionDiff.DocumentDiff> documentDiffs(Documents before, Documents after) {
        Set<String> keys = new TreeSet<>();
        before.entries().forEach(entry -> keys.add(entry.key()));
        after.entries().forEach(entry -> keys.add(entry.key()));
        List<RevisionDiff.DocumentDiff> out = new ArrayList<>();
        for (String key : keys) {
            Documents.Entry old = before.get(key);
            Documents.Entry now = after.get(key);
            List<PathChange> changes =
                    JsonDiff.between(old == null ? Map.of() : old.document(), now == null ? Map.of() : now.document());
            Kind kind = old == null ? Kind.ADDED : now == null ? Kind.REMOVED : Kind.MODIFIED;
            if (kind != Kind.MODIFIED || !changes.isEmpty()) {
                out.add(new RevisionDiff.DocumentDiff(key, kind, changes));
            }
        }
        return out;
    }

    private static Integer version(SchemaVersion schema) {
        return schema == null ? null : schema.version();
    }
}
