package io.cascade.evaluator.flag;

import java.util.Map;

/**
 * Flag keys to the flags of one environment: open addressing over parallel arrays of interned keys
 * and flags, so a lookup with a literal key (interned by the JVM) is one hash read, one or two
 * reference compares and no node to follow. Another instance of an equal key is found by {@code
 * equals}. Immutable.
 */
final class FlagTable {

    /** Key at {@code 2 * i}, its flag at {@code 2 * i + 1}: one array, so the flag is on the key's cache line. */
    private final Object[] entries;

    private final int mask;

    FlagTable(Map<String, FlagInEnvironment> byKey) {
        int capacity = Integer.highestOneBit(Math.max(2, byKey.size() * 2 - 1)) << 1;
        entries = new Object[capacity * 2];
        mask = capacity - 1;
        byKey.forEach((key, flag) -> {
            String interned = key.intern();
            int i = slot(interned.hashCode());
            while (entries[2 * i] != null) {
                i = (i + 1) & mask;
            }
            entries[2 * i] = interned;
            entries[2 * i + 1] = flag;
        });
    }

    /** The flag with key {@code key}, or null. */
    FlagInEnvironment get(String key) {
        if (key == null) {
            return null;
        }
        int hash = key.hashCode();
        Object[] e = entries;
        int i = slot(hash);
        while (true) {
            Object found = e[2 * i];
            if (found == key) {
                return (FlagInEnvironment) e[2 * i + 1];
            }
            if (found == null) {
                return null;
            }
            if (found.hashCode() == hash && found.equals(key)) {
                return (FlagInEnvironment) e[2 * i + 1];
            }
            i = (i + 1) & mask;
        }
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }
}
