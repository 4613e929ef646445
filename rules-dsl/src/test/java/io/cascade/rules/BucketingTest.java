package io.cascade.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketingTest {

    /** Straightforward murmur3_x86_32 over a byte array, the way the reference implementation reads. */
    static int referenceMurmur3(byte[] data, int seed) {
        int h1 = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k1 = (data[4 * i] & 0xff)
                    | (data[4 * i + 1] & 0xff) << 8
                    | (data[4 * i + 2] & 0xff) << 16
                    | (data[4 * i + 3] & 0xff) << 24;
            k1 *= 0xcc9e2d51;
            k1 = Integer.rotateLeft(k1, 15);
            k1 *= 0x1b873593;
            h1 ^= k1;
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int k1 = 0;
        switch (data.length & 3) {
            case 3:
                k1 ^= (data[tail + 2] & 0xff) << 16;
            // fall through
            case 2:
                k1 ^= (data[tail + 1] & 0xff) << 8;
            // fall through
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= 0xcc9e2d51;
                k1 = Integer.rotateLeft(k1, 15);
                k1 *= 0x1b873593;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= data.length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }

    private static int reference(String text) {
        return referenceMurmur3(text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Nested
    class ReferenceImplementation {

        @Test
        void matchesPublishedSeedZeroVectors() {
            assertThat(reference("")).isEqualTo(0);
            assertThat(reference("hello")).isEqualTo(0x248bfa47);
            assertThat(reference("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
        }
    }

    @Nested
    class Hash {

        @ParameterizedTest
        @CsvSource({
            "'', ''",
            "a, ''",
            "'', b",
            "hel, lo",
            "new-checkout, user-1",
            "flag, abcdefg",
            "salt-with-four, key",
            "ü, é",
            "größe, straße",
            "€, 日本語",
            "emoji, 😀",
            "😀, 🎉x",
            "mixed, aü€😀",
        })
        void equalsReferenceOverSaltSlashKeyInUtf8(String salt, String key) {
            assertThat(Bucketing.hash(salt, key)).isEqualTo(reference(salt + "/" + key));
        }

        @Test
        void coversEveryTailLength() {
            for (int n = 0; n < 12; n++) {
                String key = "k".repeat(n);
                assertThat(Bucketing.hash("s", key)).as("key length %d", n).isEqualTo(reference("s/" + key));
            }
        }

        @ParameterizedTest
        @CsvSource({
            "'', ''",
            "a, ''",
            "ab, c",
            "abc, defgh",
            "new-checkout, user-1",
            "salt-with-four, key",
            "größe, straße",
            "😀, 🎉x",
        })
        void saltedOnceGivesTheBucketOfSaltSlashKey(String salt, String key) {
            long unsigned = Integer.toUnsignedLong(reference(salt + "/" + key));
            assertThat(Bucketing.salted(salt).bucket(key)).isEqualTo((int) (unsigned % 100_000));
            for (int n = 0; n < 9; n++) {
                String longer = key + "k".repeat(n);
                assertThat(Bucketing.salted(salt).bucket(longer))
                        .as("key %s", longer)
                        .isEqualTo(Bucketing.bucket(salt, longer));
            }
        }

        @Test
        void encodesAnUnpairedSurrogateAsQuestionMarkLikeTheJdk() {
            String key = "a\ud800b";
            assertThat(Bucketing.hash("s", key)).isEqualTo(reference("s/" + key));
        }
    }

    @Nested
    class Bucket {

        @Test
        void isTheUnsignedHashModuloOneHundredThousand() {
            for (String key : new String[] {"user-1", "user-2", "acme", "😀", "x".repeat(100)}) {
                long unsigned = Integer.toUnsignedLong(reference("flag/" + key));
                assertThat(Bucketing.bucket("flag", key)).isEqualTo((int) (unsigned % 100_000));
            }
        }

        @Test
        void staysInRange() {
            for (int i = 0; i < 10_000; i++) {
                assertThat(Bucketing.bucket("salt", "key-" + i)).isBetween(0, Bucketing.BUCKETS - 1);
            }
        }
    }
}
