package io.cascade.evaluator.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable hash map whose {@link #with} and {@link #without} share all but one path of nodes
 * with the map they start from (a hash array mapped trie): a change to one of 10 000 entries
 * copies a handful of small arrays, not 10 000 entries. Keys and values are never null. Iteration
 * order is unspecified.
 *
 * <p>NOTES. Each node holds a 32-bit bitmap of the hash fragments (5 bits per level) it has, and a
 * compact array with, per present fragment, either an entry (key, value) or a child node. Keys
 * whose 32-bit hashes are equal end in a collision node: a flat list compared by {@code equals}.
 */
public final class PersistentMap<K, V> {

    private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(Bitmap.EMPTY, 0);
    private static final int BITS = 5;
    private static final int MASK = (1 << BITS) - 1;

    private final Node root;
    private final int size;

    private PersistentMap(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> PersistentMap<K, V> empty() {
        return (PersistentMap<K, V>) EMPTY;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    public V get(Object key) {
        Objects.requireNonNull(key, "key");
        return (V) root.find(key, key.hashCode(), 0);
    }

    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /** This map with {@code key} mapped to {@code value}; {@code this} when it already was. */
    public PersistentMap<K, V> with(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        boolean[] added = new boolean[1];
        Node next = root.put(key, key.hashCode(), value, 0, added);
        if (next == root) {
            return this;
        }
        return new PersistentMap<>(next, added[0] ? size + 1 : size);
    }

    /** This map without {@code key}; {@code this} when it had none. */
    public PersistentMap<K, V> without(Object key) {
        Objects.requireNonNull(key, "key");
        Node next = root.remove(key, key.hashCode(), 0);
        if (next == root) {
            return this;
        }
        return new PersistentMap<>(next == null ? Bitmap.EMPTY : next, size - 1);
    }

    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super K, ? super V> action) {
        root.forEach((BiConsumer<Object, Object>) action);
    }

    public List<K> keys() {
        List<K> out = new ArrayList<>(size);
        forEach((key, value) -> out.add(key));
        return out;
    }

    public List<V> values() {
        List<V> out = new ArrayList<>(size);
        forEach((key, value) -> out.add(value));
        return out;
    }

    private interface Node {
        Object find(Object key, int hash, int shift);

        /** The node with the mapping; the same node when nothing changed. */
        Node put(Object key, int hash, Object value, int shift, boolean[] added);

        /** The node without the key; the same node when absent; null when it became empty. */
        Node remove(Object key, int hash, int shift);

        void forEach(BiConsumer<Object, Object> action);
    }

    /** Up to 32 slots, present ones in {@code slots} as key+value pairs or (null, child). */
    private static final class Bitmap implements Node {

        static final Bitmap EMPTY = new Bitmap(0, new Object[0]);

        private final int bitmap;
        private final Object[] slots;

        Bitmap(int bitmap, Object[] slots) {
            this.bitmap = bitmap;
            this.slots = slots;
        }

        private static int bit(int hash, int shift) {
            return 1 << ((hash >>> shift) & MASK);
        }

        private int index(int bit) {
            return 2 * Integer.bitCount(bitmap & (bit - 1));
        }

        @Override
        public Object find(Object key, int hash, int shift) {
            int bit = bit(hash, shift);
            if ((bitmap & bit) == 0) {
                return null;
            }
            int i = index(bit);
            Object k = slots[i];
            if (k == null) {
                return ((Node) slots[i + 1]).find(key, hash, shift + BITS);
            }
            return k.equals(key) ? slots[i + 1] : null;
        }

        @Override
        public Node put(Object key, int hash, Object value, int shift, boolean[] added) {
            int bit = bit(hash, shift);
            int i = index(bit);
            if ((bitmap & bit) == 0) {
                Object[] next = new Object[slots.length + 2];
                System.arraycopy(slots, 0, next, 0, i);
                next[i] = key;
                next[i + 1] = value;
                System.arraycopy(slots, i, next, i + 2, slots.length - i);
                added[0] = true;
                return new Bitmap(bitmap | bit, next);
            }
            Object k = slots[i];
            if (k == null) {
                Node child = (Node) slots[i + 1];
                Node changed = child.put(key, hash, value, shift + BITS, added);
                return changed == child ? this : replaced(i + 1, changed);
            }
            if (k.equals(key)) {
                return slots[i + 1] == value ? this : replaced(i + 1, value);
            }
            added[0] = true;
            Node child = pair(k, k.hashCode(), slots[i + 1], key, hash, value, shift + BITS);
            Object[] next = slots.clone();
            next[i] = null;
            next[i + 1] = child;
            return new Bitmap(bitmap, next);
        }

        private Bitmap replaced(int index, Object value) {
            Object[] next = slots.clone();
            next[index] = value;
            return new Bitmap(bitmap, next);
        }

        private static Node pair(Object k1, int h1, Object v1, Object k2, int h2, Object v2, int shift) {
            if (h1 == h2) {
                return new Collision(h1, new Object[] {k1, v1, k2, v2});
            }
            boolean[] ignored = new boolean[1];
            return EMPTY.put(k1, h1, v1, shift, ignored).put(k2, h2, v2, shift, ignored);
        }

        @Override
        public Node remove(Object key, int hash, int shift) {
            int bit = bit(hash, shift);
            if ((bitmap & bit) == 0) {
                return this;
            }
            int i = index(bit);
            Object k = slots[i];
            if (k == null) {
                Node child = (Node) slots[i + 1];
                Node changed = child.remove(key, hash, shift + BITS);
                if (changed == child) {
                    return this;
                }
                return changed == null ? without(bit, i) : replaced(i + 1, changed);
            }
            return k.equals(key) ? without(bit, i) : this;
        }

        private Node without(int bit, int i) {
            if (bitmap == bit) {
                return null;
            }
            Object[] next = new Object[slots.length - 2];
            System.arraycopy(slots, 0, next, 0, i);
            System.arraycopy(slots, i + 2, next, i, slots.length - i - 2);
            return new Bitmap(bitmap & ~bit, next);
        }

        @Override
        public void forEach(BiConsumer<Object, Object> action) {
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i] == null) {
                    ((Node) slots[i + 1]).forEach(action);
                } else {
                    action.accept(slots[i], slots[i + 1]);
                }
            }
        }
    }

    /** Keys whose hashes are all {@code hash}: key+value pairs compared by {@code equals}. */
    private static final class Collision implements Node {

        private final int hash;
        private final Object[] pairs;

        Collision(int hash, Object[] pairs) {
            this.hash = hash;
            this.pairs = pairs;
        }

        private int indexOf(Object key) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Object find(Object key, int hash, int shift) {
            int i = indexOf(key);
            return i < 0 ? null : pairs[i + 1];
        }

        @Override
        public Node put(Object key, int hash, Object value, int shift, boolean[] added) {
            if (hash != this.hash) {
                boolean[] ignored = new boolean[1];
                Node split = Bitmap.EMPTY;
                for (int i = 0; i < pairs.length; i += 2) {
                    split = split.put(pairs[i], this.hash, pairs[i + 1], shift, ignored);
                }
                return split.put(key, hash, value, shift, added);
            }
            int i = indexOf(key);
            if (i >= 0) {
                if (pairs[i + 1] == value) {
                    return this;
                }
                Object[] next = pairs.clone();
                next[i + 1] = value;
                return new Collision(hash, next);
            }
            Object[] next = Arrays.copyOf(pairs, pairs.length + 2);
            next[pairs.length] = key;
            next[pairs.length + 1] = value;
            added[0] = true;
            return new Collision(hash, next);
        }

        @Override
        public Node remove(Object key, int hash, int shift) {
            int i = indexOf(key);
            if (i < 0) {
                return this;
            }
            if (pairs.length == 2) {
                return null;
            }
            Object[] next = new Object[pairs.length - 2];
            System.arraycopy(pairs, 0, next, 0, i);
            System.arraycopy(pairs, i + 2, next, i, pairs.length - i - 2);
            return new Collision(hash, next);
        }

        @Override
        public void forEach(BiConsumer<Object, Object> action) {
            for (int i = 0; i < pairs.length; i += 2) {
                action.accept(pairs[i], pairs[i + 1]);
            }
        }
    }
}
