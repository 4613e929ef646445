package io.cascade.server.namespace;

import io.cascade.evaluator.config.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flag or segment documents of a namespace, by key, with the revision that last set each.
 * Immutable; {@link #with} and {@link #without} return a new set.
 */
public final class Documents {

    static final Documents EMPTY = new Documents(Map.of());

    private final Map<String, Entry> byKey;

    private Documents(Map<String, Entry> byKey) {
        this.byKey = byKey;
    }

    /** One stored document and the revision that set it. */
    public record Entry(String key, Map<String, Object> document, int revision) {}

    static Entry entry(String key, Map<String, Object> document, int revision) {
        return new Entry(key, Json.freezeObject(document), revision);
    }

    /** A mutable, key-ordered copy, for building the next set. */
    Map<String, Entry> toMap() {
        return new TreeMap<>(byKey);
    }

    static Documents of(Map<String, Entry> entries) {
        return entries.isEmpty() ? EMPTY : new Documents(Collections.unmodifiableMap(new TreeMap<>(entries)));
    }

    public Entry get(String key) {
        return byKey.get(key);
    }

    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    /** Entries in key order. */
    public List<Entry> entries() {
        return List.copyOf(byKey.values());
    }

    /** The documents in key order. */
    public List<Map<String, Object>> documents() {
        List<Map<String, Object>> out = new ArrayList<>(byKey.size());
        for (Entry entry : byKey.values()) {
            out.add(entry.document());
        }
        return out;
    }

    /** The documents in key order, with {@code key}'s replaced by {@code document} (or added at its place). */
    public List<Map<String, Object>> documentsWith(String key, Map<String, Object> document) {
        Map<String, Map<String, Object>> next = new TreeMap<>();
        byKey.forEach((k, entry) -> next.put(k, entry.document()));
        next.put(key, document);
        return new ArrayList<>(next.values());
    }

    /** The position {@code key} has, or would have, in {@link #documentsWith}. */
    public int indexOf(String key) {
        int index = 0;
        for (String existing : byKey.keySet()) {
            if (existing.compareTo(key) >= 0) {
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
