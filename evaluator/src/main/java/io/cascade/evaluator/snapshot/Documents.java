package io.cascade.evaluator.snapshot;

import io.cascade.evaluator.config.Json;
import io.cascade.evaluator.internal.PersistentMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Flag or segment documents of a namespace, by key, with the revision that last set each.
 * Immutable; {@link #with} and {@link #without} return a new set that shares all but a few small
 * arrays with this one. Listings are in key order.
 */
public final class Documents {

    public static final Documents EMPTY = new Documents(PersistentMap.empty());

    private final PersistentMap<String, Entry> byKey;
    private volatile List<Entry> sorted;

    private Documents(PersistentMap<String, Entry> byKey) {
        this.byKey = byKey;
    }

    /** One stored document and the revision that set it. */
    public record Entry(String key, Map<String, Object> document, int revision) {}

    /** The set of {@code entries}; each document is frozen (made unmodifiable) on the way in. */
    public static Documents of(List<Entry> entries) {
        Documents documents = EMPTY;
        for (Entry entry : entries) {
            documents = documents.with(entry.key(), entry.document(), entry.revision());
        }
        return documents;
    }

    /** This set with {@code key} set to {@code document} by {@code revision}. */
    public Documents with(String key, Map<String, Object> document, int revision) {
        return new Documents(byKey.with(key, new Entry(key, Json.freezeObject(document), revision)));
    }

    /** This set without {@code key}. */
    public Documents without(String key) {
        PersistentMap<String, Entry> next = byKey.without(key);
        return next == byKey ? this : new Documents(next);
    }

    public Entry get(String key) {
        return byKey.get(key);
    }

    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    /** Entries in key order. */
    public List<Entry> entries() {
        List<Entry> entries = sorted;
        if (entries == null) {
            List<Entry> all = byKey.values();
            all.sort(Comparator.comparing(Entry::key));
            entries = List.copyOf(all);
            sorted = entries;
        }
        return entries;
    }

    /** The documents in key order. */
    public List<Map<String, Object>> documents() {
        List<Map<String, Object>> out = new ArrayList<>(size());
        for (Entry entry : entries()) {
            out.add(entry.document());
        }
        return out;
    }

    /** The documents in key order, with {@code key}'s replaced by {@code document} (or added at its place). */
    public List<Map<String, Object>> documentsWith(String key, Map<String, Object> document) {
        List<Map<String, Object>> out = new ArrayList<>(size() + 1);
        boolean placed = false;
        for (Entry entry : entries()) {
            int order = entry.key().compareTo(key);
            if (!placed && order >= 0) {
                out.add(document);
                placed = true;
                if (order == 0) {
                    continue;
                }
            }
            out.add(entry.document());
        }
        if (!placed) {
            out.add(document);
        }
        return out;
    }

    /** The position {@code key} has, or would have, in {@link #documentsWith}. */
    public int indexOf(String key) {
        int index = 0;
        for (Entry entry : entries()) {
            if (entry.key().compareTo(key) >= 0) {
                return index;
            }
            index++;
        }
        return index;
    }

    public int size() {
        return byKey.size();
    }
}
