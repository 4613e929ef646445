package io.cascade.cli.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SelectorsTest {

    @Nested
    class Parsing {

        @Test
        void pairsKeepTheirOrder() {
            assertThat(Selectors.parse("tenant=acme,environment=prod", "selector"))
                    .containsExactly(Map.entry("tenant", "acme"), Map.entry("environment", "prod"));
        }

        @Test
        void spacesAroundPairsAreIgnored() {
            assertThat(Selectors.parse(" environment = prod , site=us-east-1 ", "scope"))
                    .containsExactly(Map.entry("environment", "prod"), Map.entry("site", "us-east-1"));
        }

        @Test
        void aValueMayContainAnEqualsSign() {
            assertThat(Selectors.parse("tenant=a=b", "scope")).containsEntry("tenant", "a=b");
        }

        @Test
        void jsonObjectsAreAccepted() {
            assertThat(Selectors.parse("{\"environment\":\"prod\",\"tenant\":\"acme\"}", "selector"))
                    .containsExactly(Map.entry("environment", "prod"), Map.entry("tenant", "acme"));
        }

        @Test
        void defaultsStarEmptyAndEmptyObjectMeanNoDimensionFixed() {
            for (String text : List.of("defaults", "*", "", "{}")) {
                assertThat(Selectors.parse(text, "selector")).as(text).isEmpty();
            }
        }

        @Test
        void aPairWithoutEqualsIsAUsageError() {
            assertThatThrownBy(() -> Selectors.parse("environment", "selector"))
                    .isInstanceOfSatisfying(CliException.class, e -> {
                        assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
                        assertThat(e.getMessage())
                                .contains("bad selector 'environment'")
                                .contains("dimension=value");
                    });
        }

        @Test
        void anEmptyValueIsAUsageError() {
            assertThatThrownBy(() -> Selectors.parse("environment=", "scope")).isInstanceOf(CliException.class);
        }

        @Test
        void aDimensionGivenTwiceIsAUsageError() {
            assertThatThrownBy(() -> Selectors.parse("tenant=a,tenant=b", "scope"))
                    .hasMessageContaining("given twice");
        }

        @Test
        void jsonValuesMustBeStrings() {
            assertThatThrownBy(() -> Selectors.parse("{\"environment\": 1}", "selector"))
                    .hasMessageContaining("must be a string");
        }

        @Test
        void brokenJsonIsAUsageError() {
            assertThatThrownBy(() -> Selectors.parse("{\"environment\": ", "selector"))
                    .isInstanceOfSatisfying(
                            CliException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.USAGE));
        }
    }

    @Nested
    class Abbreviations {

        @Test
        void aUniquePrefixExpandsToTheDimension() {
            assertThat(Selectors.expand(Map.of("env", "prod"), Selectors.DEFAULT_DIMENSIONS))
                    .containsExactly(Map.entry("environment", "prod"));
        }

        @Test
        void anExactDimensionWinsOverAPrefix() {
            assertThat(Selectors.expand(Map.of("env", "prod"), List.of("env", "environment")))
                    .containsExactly(Map.entry("env", "prod"));
        }

        @Test
        void anAmbiguousPrefixIsLeftForTheServerToRefuse() {
            assertThat(Selectors.expand(Map.of("s", "x"), List.of("site", "shard")))
                    .containsExactly(Map.entry("s", "x"));
        }

        @Test
        void onlyNamesOutsideTheDefaultsNeedTheNamespacesDimensions() {
            assertThat(Selectors.needsDimensions(Map.of("environment", "prod", "tenant", "a")))
                    .isFalse();
            assertThat(Selectors.needsDimensions(Map.of("env", "prod"))).isTrue();
        }
    }

    @Nested
    class Printing {

        @Test
        void pairsLeaveOutWildcards() {
            assertThat(Selectors.pairs(Map.of("environment", "*"))).isEqualTo("defaults");
            assertThat(Selectors.pairs(Selectors.parse("environment=prod,site=*,tenant=acme", "selector")))
                    .isEqualTo("environment=prod,tenant=acme");
        }

        @Test
        void aTupleListsEveryDimensionInOrder() {
            assertThat(Selectors.tuple(
                            Json.MAPPER.readTree("{\"environment\":\"prod\",\"site\":\"*\",\"tenant\":\"acme\"}")))
                    .isEqualTo("(prod,*,acme)");
        }

        @Test
        void selectorsAreTheSameWhateverTheirWildcards() {
            assertThat(Selectors.same(Map.of("environment", "prod", "site", "*"), Map.of("environment", "prod")))
                    .isTrue();
            assertThat(Selectors.same(Map.of("environment", "prod"), Map.of("environment", "dev")))
                    .isFalse();
        }
    }
}
