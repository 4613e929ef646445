package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.PROD;
import static io.cascade.evaluator.flag.Fixtures.context;
import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.flagSet;
import static io.cascade.evaluator.flag.Fixtures.split;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.Bucketing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bucketing as docs/spec/bucketing.md specifies it, pinned by the shared vectors. */
class BucketingTest {

    private static final Path VECTORS =
            Path.of(System.getProperty("cascade.spec.dir", "../docs/spec")).resolve("bucketing-vectors.json");

    @Test
    void sharedVectorsMatchBitForBit() throws IOException {
        List<?> vectors = (List<?>) MiniJson.parse(Files.readString(VECTORS, StandardCharsets.UTF_8));

        assertThat(vectors).hasSizeGreaterThanOrEqualTo(200);
        for (Object item : vectors) {
            Map<?, ?> vector = (Map<?, ?>) item;
            String salt = (String) vector.get("salt");
            String key = (String) vector.get("key");
            assertThat(Bucketing.bucket(salt, key))
                    .as("salt %s key %s", salt, key)
                    .isEqualTo(vector.get("bucket"));
        }
    }

    @Test
    void vectorsCoverEmptyNonAsciiAndLongKeys() throws IOException {
        List<?> vectors = (List<?>) MiniJson.parse(Files.readString(VECTORS, StandardCharsets.UTF_8));
        List<String> keys =
                vectors.stream().map(v -> (String) ((Map<?, ?>) v).get("key")).toList();

        assertThat(keys).contains("", "🚀", "東京").anyMatch(k -> k.length() >= 1000);
    }

    /**
     * Worked by hand from hashes of the independent reference implementation
     * (docs/spec/generate-bucketing-vectors.py, which gives murmur3's published values, such as
     * 0x248bfa47 for "hello"). Each hash but the last has its top bit set, where a signed reading
     * gives another bucket: 0xd65b0636 is 3 596 289 590 unsigned, so bucket 89 590, but -698 677 706
     * signed, so 77 706 by absolute value or -77 706 by Java's {@code %}.
     */
    @ParameterizedTest(name = "{0}/{1}: hash {2}, bucket {3}")
    @CsvSource({
        "new-checkout, user-42, d65b0636, 89590",
        "salt,         user-2,  f074ca9b, 85883",
        "salt,         user-0,  94dfc73a, 93498",
        "new-checkout, user-1,  65c6ce48, 27752",
    })
    void bucketIsTheUnsignedHashModulo100000(String salt, String key, String hash, int bucket) {
        assertThat(Bucketing.hash(salt, key)).isEqualTo(Integer.parseUnsignedInt(hash, 16));
        assertThat(Bucketing.bucket(salt, key)).isEqualTo(bucket);
    }

    @Test
    void bucketsAreUniformOverTenBins() {
        int keys = 100_000;
        int[] bins = new int[10];
        for (int i = 0; i < keys; i++) {
            bins[Bucketing.bucket("distribution", "user-" + i) / 10_000]++;
        }
        double expected = keys / 10.0;
        double chiSquare = 0;
        for (int observed : bins) {
            chiSquare += (observed - expected) * (observed - expected) / expected;
        }
        // 9 degrees of freedom: the critical value at p = 0.001 is 27.88
        assertThat(chiSquare).isLessThan(27.88);
    }

    @Test
    void everyStepUpOfARolloutKeepsEveryKeyAlreadyIn() {
        FlagEvaluator evaluator = FlagEvaluator.create();
        boolean[] in = new boolean[2_000];
        for (int percent = 0; percent <= 100; percent++) {
            FlagSet set = rollout(percent);
            for (int i = 0; i < in.length; i++) {
                boolean now = evaluator
                        .evaluate(set, "rollout", PROD, context("key-" + i))
                        .value()
                        .equals(true);
                assertThat(!in[i] || now)
                        .as("key-%d dropped at %d%%", i, percent)
                        .isTrue();
                in[i] = now;
            }
        }
        assertThat(in).containsOnly(true);
    }

    @Test
    void aRolloutServesRoughlyItsPercentage() {
        FlagSet set = rollout(25);
        FlagEvaluator evaluator = FlagEvaluator.create();
        int on = 0;
        for (int i = 0; i < 20_000; i++) {
            if (evaluator
                    .evaluate(set, "rollout", PROD, context("host-" + i))
                    .value()
                    .equals(true)) {
                on++;
            }
        }
        assertThat(on).isBetween(4_500, 5_500);
    }

    private static FlagSet rollout(int percent) {
        return flagSet(flag("rollout").on().fallthroughSplit(split("on", percent, "off", 100 - percent)));
    }
}
