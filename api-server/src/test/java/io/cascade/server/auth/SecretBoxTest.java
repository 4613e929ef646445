package io.cascade.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dataDir;

    @Test
    void sealsAndOpensForTheSameOwnerOnly() {
        SecretBox box = SecretBox.of(new byte[32]);
        String sealed = box.seal("whsec_abc", "wh_1");
        assertThat(sealed).startsWith("v1:" + box.keyId() + ":").doesNotContain("whsec_abc");
        assertThat(box.seal("whsec_abc", "wh_1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed, "wh_1")).isEqualTo("whsec_abc");
        assertThatThrownBy(() -> box.open(sealed, "wh_2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherKeyKnowsItCannotOpen() {
        byte[] other = new byte[32];
        other[0] = 1;
        String sealed = SecretBox.of(new byte[32]).seal("s", "wh_1");
        SecretBox box = SecretBox.of(other);
        assertThat(box.canOpen(sealed)).isFalse();
        assertThatThrownBy(() -> box.open(sealed, "wh_1")).hasMessageContaining("CASCADE_SECRET_KEY");
    }

    @Test
    void anAlteredSecretDoesNotOpen() {
        SecretBox box = SecretBox.of(new byte[32]);
        String sealed = box.seal("whsec_abc", "wh_1");
        int middle = sealed.length() - 20;
        char flipped = sealed.charAt(middle) == 'A' ? 'B' : 'A';
        String altered = sealed.substring(0, middle) + flipped + sealed.substring(middle + 1);
        assertThatThrownBy(() -> box.open(altered, "wh_1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void generatesAKeyFileReadableOnlyByItsOwnerAndReusesIt() throws Exception {
        SecretBox first = SecretBox.open("", dataDir);
        Path file = dataDir.resolve(SecretBox.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        SecretBox again = SecretBox.open(null, dataDir);
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(again.open(first.seal("x", "o"), "o")).isEqualTo("x");
    }

    @Test
    void takesTheConfiguredKeyAndRefusesAMalformedOne() {
        byte[] key = new byte[32];
        key[5] = 9;
        SecretBox configured = SecretBox.open(Base64.getEncoder().encodeToString(key), dataDir);
        assertThat(configured.keyId()).isEqualTo(SecretBox.of(key).keyId());
        assertThat(Files.exists(dataDir.resolve(SecretBox.KEY_FILE))).isFalse();
        assertThatThrownBy(() -> SecretBox.open("c2hvcnQ=", dataDir)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretBox.open("not base64 !", dataDir)).hasMessageContaining("base64");
    }
}
