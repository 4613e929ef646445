package io.cascade.evaluator.flag;

import java.util.Map;

/**
 * Flag keys to the flags of one environment as one array that the owner ({@link EnvironmentFlags})
 * holds itself: open addressing, interned key at {@code 2 * i} and its flag at {@code 2 * i + 1}, so a
 * lookup with a literal key (interned by the JVM) is one hash read, one or two reference compares,
 * and the flag on the key's cache line. Another instance of an equal key is found by {@code equals}.
 * The capacity is a power of two, at least twice the number of flags, so a probe always ends.
 */
final class FlagTable {

    private FlagTable() {}

    /** The table of {@code byKey}. */
    static Object[] of(Map<String, FlagInEnvironment> byKey) {
        int capacity = Integer.highestOneBit(Math.max(2, byKey.size() * 2 - 1)) << 1;
        Object[] entries = new Object[capacity * 2];
        int mask = capacity - 1;
        byKey.forEach((key, flag) -> {
            String interned = key.intern();
            int i = slot(interned.hashCode(), mask);
            while (entries[2 * i] != null) {
                i = (i + 1) & mask;
            }
            entries[2 * i] = interned;
            entries[2 * i + 1] = flag;
        });
        return entries;
    }

    /** The flag with key {@code key} in {@code entries}, or null. */
    static FlagInEnvironment get(Object[] entries, String key) {
        if (key == null) {
            return null;
        }
        int hash = key.hashCode();
        int mask = (entries.length >>> 1) - 1;
        int i = slot(hash, mask);
        while (true) {
            Object found = entries[2 * i];
            if (found == key) {
                return (FlagInEnvironment) entries[2 * i + 1];
            }
            if (found == null) {
                return null;
            }
            if (found.hashCode() == hash && found.equals(key)) {
                return (FlagInEnvironment) entries[2 * i + 1];
            }
            i = (i + 1) & mask;
        }
    }

    private static int slot(int hash, int mask) {
        return (hash ^ (hash >>> 16)) & mask;
    }
}
