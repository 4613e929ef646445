package io.cascade.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"1", "1.2", "1.2.3", "v1.2.3", "1.2.3-rc.1", "1.2.3+build.7", "1.2.3-alpha-1.x+sha.5", "0.0.0"})
    void acceptsVersions(String version) {
        assertThat(Semver.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "v",
                "1.",
                "1.2.3.4",
                "1.x",
                "1.2.3-",
                "1.2.3+",
                "1.2.3-a..b",
                "-1.0.0",
                "1.2.3 ",
                "1234567890123456789"
            })
    void refusesNonVersions(String version) {
        assertThat(Semver.isValid(version)).isFalse();
    }

    @Test
    void ordersAsTheSemverSpecificationExample() {
        List<String> ordered = List.of(
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta",
                "1.0.0-beta.2",
                "1.0.0-beta.11",
                "1.0.0-rc.1",
                "1.0.0",
                "1.0.1",
                "1.1",
                "1.10.0",
                "2");
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                assertThat(Integer.signum(Semver.compare(ordered.get(i), ordered.get(j))))
                        .as("%s vs %s", ordered.get(i), ordered.get(j))
                        .isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void ignoresBuildMetadataAndPrefixAndMissingParts() {
        assertThat(Semver.compare("1.2.3+a", "1.2.3+b")).isZero();
        assertThat(Semver.compare("v1.2.0", "1.2")).isZero();
        assertThat(Semver.compare("1.0.0-rc.01", "1.0.0-rc.1")).isZero();
    }
}
