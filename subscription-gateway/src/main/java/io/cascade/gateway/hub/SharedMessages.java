package io.cascade.gateway.hub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a thousand subscribers of one group are sent, worked out once: the completed GraphQL object
 * of a hub value for a selection, and its JSON text.
 *
 * <p>NOTES. A group hands the same value object to every subscriber of it, and subscribers mostly
 * select the same fields (one client library, one query). So a completed object is kept per value
 * (by identity: values are immutable) and selection (by its printed text), and the JSON text per
 * completed object (by identity again: the same instance went to every subscriber that shares it).
 * Only recent values are kept: a value is current until the next revision, and a late subscriber
 * that misses the cache simply completes and writes its own. Safe from any thread.
 */
public final class SharedMessages {

    private static final int VALUES = 256;
    private static final int TEXTS = 1_024;

    private final Map<Object, Map<String, Object>> completed = recent(VALUES);
    private final Map<Object, String> texts = recent(TEXTS);

    /** The completed object of {@code value} for {@code selection} when one was shared, else null. */
    public Object completed(Object value, String selection) {
        synchronized (completed) {
            Map<String, Object> bySelection = completed.get(new Identity(value));
            return bySelection == null ? null : bySelection.get(selection);
        }
    }

    /**
     * Shares {@code made} as the completed object of {@code value} for {@code selection}; returns
     * the one to send, which is an earlier one when another thread shared it first.
     */
    public Object share(Object value, String selection, Object made) {
        synchronized (completed) {
            Map<String, Object> bySelection =
                    completed.computeIfAbsent(new Identity(value), key -> new LinkedHashMap<>());
            Object raced = bySelection.putIfAbsent(selection, made);
            if (raced != null) {
                return raced;
            }
        }
        synchronized (texts) {
            texts.put(new Identity(made), null);
        }
        return made;
    }

    /**
     * The JSON text of {@code object} when it is a shared completed object (written by {@code write}
     * the first time), else null: the caller writes it itself.
     */
    public String text(Object object, Function<Object, String> write) {
        Identity key = new Identity(object);
        synchronized (texts) {
            if (!texts.containsKey(key)) {
                return null;
            }
            String known = texts.get(key);
            if (known != null) {
                return known;
            }
        }
        String text = write.apply(object);
        synchronized (texts) {
            if (texts.containsKey(key)) {
                texts.put(key, text);
            }
        }
        return text;
    }

    private static <V> Map<Object, V> recent(int size) {
        return new LinkedHashMap<>(size, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, V> eldest) {
                return size() > size;
            }
        };
    }

    /** A key that is equal only to the same instance, and keeps it alive while cached. */
    private record Identity(Object target) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.target == target;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(target);
        }
    }

    /** For tests: how many values and texts are held. */
    int[] sizes() {
        synchronized (completed) {
            synchronized (texts) {
                return new int[] {completed.size(), texts.size()};
            }
        }
    }
}
