package io.cascade.evaluator.flag;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.rules.AttributeLayout;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SymbolSetTest {

    @Test
    void denseSymbolsAreABitSetThatHoldsExactlyThem() {
        int[] symbols = IntStream.range(100, 1_100).filter(s -> s % 3 != 0).toArray();
        SymbolSet set = SymbolSet.of(symbols);

        assertThat(set.bitsOrNull()).isNotNull();
        for (int s = -2; s < 1_300; s++) {
            assertThat(set.contains(s)).as("symbol %d", s).isEqualTo(s >= 100 && s < 1_100 && s % 3 != 0);
        }
        assertThat(set.contains(Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void sparseSymbolsAreAHashTableThatHoldsExactlyThem() {
        SplittableRandom random = new SplittableRandom(3);
        int[] symbols = random.ints(200, 0, 1_000_000).distinct().toArray();
        SymbolSet set = SymbolSet.of(symbols);

        assertThat(set.bitsOrNull()).isNull();
        for (int symbol : symbols) {
            assertThat(set.contains(symbol)).isTrue();
        }
        int[] sorted = symbols.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 10_000; i++) {
            int probe = random.nextInt(1_000_000);
            assertThat(set.contains(probe)).isEqualTo(java.util.Arrays.binarySearch(sorted, probe) >= 0);
        }
    }

    @Test
    void unknownAndNonStringSymbolsAreNeverMembers() {
        for (SymbolSet set : new SymbolSet[] {SymbolSet.of(new int[] {0, 1, 2}), SymbolSet.of(new int[] {0, 5_000})}) {
            assertThat(set.contains(AttributeLayout.OTHER_STRING)).isFalse();
            assertThat(set.contains(AttributeLayout.NOT_A_STRING)).isFalse();
        }
        assertThat(SymbolSet.of(new int[0]).contains(0)).isFalse();
    }

    @Test
    void aSpanEndingOnAWordBoundaryStillExcludesTheNextSymbol() {
        SymbolSet set = SymbolSet.of(new int[] {0, 63});

        assertThat(set.contains(63)).isTrue();
        assertThat(set.contains(64)).isFalse();
        assertThat(set.contains(62)).isFalse();
    }
}
