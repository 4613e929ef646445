package io.cascade.rules;

/**
 * Deterministic bucketing for splits and percentage rollouts.
 *
 * <p>{@code bucket = murmur3_x86_32(utf8(salt + "/" + key), seed 0)} read as unsigned, {@code mod
 * 100000}. A weight of 25% is 25 000 buckets. The exact specification and shared test vectors are
 * in {@code docs/spec/}. The hash is computed over the UTF-8 bytes on the fly, without building the
 * concatenated string, so bucketing allocates nothing.
 */
public final class Bucketing {

    /** The number of buckets: a percentage with three decimals maps to a whole number of buckets. */
    public static final int BUCKETS = 100_000;

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Bucketing() {}

    /** The bucket, in {@code [0, 100000)}, of {@code key} under {@code salt}. */
    public static int bucket(String salt, String key) {
        return (int) (Integer.toUnsignedLong(hash(salt, key)) % BUCKETS);
    }

    /** The 32-bit murmur3 (x86, seed 0) of the UTF-8 encoding of {@code salt + "/" + key}. */
    public static int hash(String salt, String key) {
        return new Murmur3State().hash(salt, key);
    }

    /**
     * Bucketing under one salt, with {@code salt + "/"} hashed once: {@code salted(s).bucket(k) ==
     * bucket(s, k)} for every key, at the cost of hashing the key alone. Immutable.
     */
    public static Salted salted(String salt) {
        Murmur3State state = new Murmur3State();
        state.feedUtf8(salt);
        state.feedByte('/');
        return new Salted(state.h1, state.block, state.filled, state.length);
    }

    /** Buckets keys under one salt; see {@link #salted(String)}. */
    public static final class Salted {
        private final int h1;
        private final int block;
        private final int filled;
        private final int length;

        private Salted(int h1, int block, int filled, int length) {
            this.h1 = h1;
            this.block = block;
            this.filled = filled;
            this.length = length;
        }

        /** The bucket, in {@code [0, 100000)}, of {@code key} under this salt. */
        public int bucket(String key) {
            Murmur3State state = new Murmur3State();
            state.h1 = h1;
            state.block = block;
            state.filled = filled;
            state.length = length;
            state.feedUtf8(key);
            return (int) (Integer.toUnsignedLong(state.finish()) % BUCKETS);
        }
    }

    /**
     * Streams UTF-8 bytes into the murmur3 block function. Escape analysis keeps this on the stack
     * in the hot path; it holds only primitives.
     */
    private static final class Murmur3State {
        /** No block of four ASCII bytes has this value (every byte would be 0xff). */
        private static final int NOT_ASCII = -1;

        private int h1;
        private int block;
        private int filled;
        private int length;

        int hash(String salt, String key) {
            h1 = 0;
            block = 0;
            filled = 0;
            length = 0;
            feedUtf8(salt);
            feedByte('/');
            feedUtf8(key);
            return finish();
        }

        private void feedUtf8(String s) {
            int n = s.length();
            for (int i = 0; i < n; i++) {
                if (filled == 0 && i + 4 <= n) {
                    int ascii = asciiBlock(s, i);
                    if (ascii != NOT_ASCII) {
                        h1 = mixH1(h1, mixK1(ascii));
                        length += 4;
                        i += 3;
                        continue;
                    }
                }
                char c = s.charAt(i);
                if (c < 0x80) {
                    feedByte(c);
                } else if (c < 0x800) {
                    feedByte(0xc0 | (c >> 6));
                    feedByte(0x80 | (c & 0x3f));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    feedByte(0xf0 | (cp >> 18));
                    feedByte(0x80 | ((cp >> 12) & 0x3f));
                    feedByte(0x80 | ((cp >> 6) & 0x3f));
                    feedByte(0x80 | (cp & 0x3f));
                } else if (Character.isSurrogate(c)) {
                    feedByte('?'); // an unpaired surrogate encodes as '?', as String.getBytes(UTF_8) does
                } else {
                    feedByte(0xe0 | (c >> 12));
                    feedByte(0x80 | ((c >> 6) & 0x3f));
                    feedByte(0x80 | (c & 0x3f));
                }
            }
        }

        /** Four ASCII characters from {@code i} as one little-endian block, or {@link #NOT_ASCII}. */
        private static int asciiBlock(String s, int i) {
            char c0 = s.charAt(i);
            char c1 = s.charAt(i + 1);
            char c2 = s.charAt(i + 2);
            char c3 = s.charAt(i + 3);
            if ((c0 | c1 | c2 | c3) >= 0x80) {
                return NOT_ASCII;
            }
            return c0 | c1 << 8 | c2 << 16 | c3 << 24;
        }

        private void feedByte(int b) {
            block |= (b & 0xff) << (filled * 8);
            filled++;
            length++;
            if (filled == 4) {
                h1 = mixH1(h1, mixK1(block));
                block = 0;
                filled = 0;
            }
        }

        private int finish() {
            if (filled > 0) {
                h1 ^= mixK1(block);
            }
            h1 ^= length;
            return fmix(h1);
        }

        private static int mixK1(int k1) {
            k1 *= C1;
            k1 = Integer.rotateLeft(k1, 15);
            return k1 * C2;
        }

        private static int mixH1(int h1, int k1) {
            h1 ^= k1;
            h1 = Integer.rotateLeft(h1, 13);
            return h1 * 5 + 0xe6546b64;
        }

        private static int fmix(int h) {
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            h ^= h >>> 16;
            return h;
        }
    }
}
