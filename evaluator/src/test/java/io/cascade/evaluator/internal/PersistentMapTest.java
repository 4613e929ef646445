package io.cascade.evaluator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersistentMapTest {

    /** A key whose hash is chosen, so collisions and deep tries are easy to make. */
    record Key(String name, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Test
    void agreesWithHashMapOverRandomPutsAndRemovesIncludingCollisions() {
        Random random = new Random(42);
        Map<Key, Integer> expected = new HashMap<>();
        PersistentMap<Key, Integer> actual = PersistentMap.empty();
        List<PersistentMap<Key, Integer>> versions = new ArrayList<>();
        List<Map<Key, Integer>> expectedVersions = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int n = random.nextInt(3_000);
            // few distinct hashes for some keys: collision nodes; others spread over the whole int range
            Key key = new Key("k" + n, n % 7 == 0 ? n % 5 : n * 0x9E3779B9);
            if (random.nextInt(3) == 0) {
                expected.remove(key);
                actual = actual.without(key);
            } else {
                expected.put(key, step);
                actual = actual.with(key, step);
            }
            if (step % 997 == 0) {
                versions.add(actual);
                expectedVersions.add(new HashMap<>(expected));
            }
        }
        assertSame(actual, expected);
        for (int i = 0; i < versions.size(); i++) {
            assertSame(versions.get(i), expectedVersions.get(i));
        }
    }

    @Test
    void aChangeLeavesTheEarlierMapAsItWas() {
        PersistentMap<String, String> before =
                PersistentMap.<String, String>empty().with("a", "1").with("b", "2");
        PersistentMap<String, String> after =
                before.with("a", "changed").without("b").with("c", "3");
        assertThat(before.get("a")).isEqualTo("1");
        assertThat(before.get("b")).isEqualTo("2");
        assertThat(before.get("c")).isNull();
        assertThat(before.size()).isEqualTo(2);
        assertThat(after.get("a")).isEqualTo("changed");
        assertThat(after.get("b")).isNull();
        assertThat(after.size()).isEqualTo(2);
    }

    @Test
    void removingWhatIsAbsentOrPuttingTheSameValueReturnsTheSameMap() {
        String value = "v";
        PersistentMap<String, String> map =
                PersistentMap.<String, String>empty().with("a", value);
        assertThat(map.without("zzz")).isSameAs(map);
        assertThat(map.with("a", value)).isSameAs(map);
        assertThat(map.without("a").isEmpty()).isTrue();
    }

    private static void assertSame(PersistentMap<Key, Integer> actual, Map<Key, Integer> expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        Map<Key, Integer> iterated = new HashMap<>();
        actual.forEach(iterated::put);
        assertThat(iterated).isEqualTo(expected);
        expected.forEach((key, value) -> assertThat(actual.get(key)).isEqualTo(value));
        assertThat(actual.get(new Key("absent", 3))).isNull();
    }
}
