package io.cascade.evaluator.flag;

import java.util.Map;

/**
 * Flag keys to the flags of one environment: open addressing over parallel arrays of interned keys
 * and flags, so a lookup with a literal key (interned by the JVM) is one hash read, one or two
 * reference compares and no node to follow. Another instance of an equal key is found by {@code
 * equals}. Immutable.
 */
final class FlagTable {

    private final String[] keys;
    private final FlagInEnvironment[] flags;
    private final int mask;

    FlagTable(Map<String, FlagInEnvironment> byKey) {
        int capacity = Integer.highestOneBit(Math.max(2, byKey.size() * 2 - 1)) << 1;
        keys = new String[capacity];
        flags = new FlagInEnvironment[capacity];
        mask = capacity - 1;
        byKey.forEach((key, flag) -> {
            String interned = key.intern();
            int i = slot(interned.hashCode());
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = interned;
            flags[i] = flag;
        });
    }

    /** The flag with key {@code key}, or null. */
    FlagInEnvironment get(String key) {
        if (key == null) {
            return null;
        }
        int hash = key.hashCode();
        String[] k = keys;
        int i = slot(hash);
        while (true) {
            String found = k[i];
            if (found == key) {
                return flags[i];
            }
            if (found == null) {
                return null;
            }
            if (found.hashCode() == hash && found.equals(key)) {
                return flags[i];
            }
            i = (i + 1) & mask;
        }
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }
}
