package io.cascade.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static final byte[] BODY = "{\"id\":\"d1\"}".getBytes(StandardCharsets.UTF_8);

    /** Worked out independently: Python's hmac.new(b"whsec_test", b'1700000000.{"id":"d1"}', sha256). */
    @Test
    void matchesAnIndependentlyComputedHmac() {
        assertThat(Signatures.header(1_700_000_000L, BODY, List.of("whsec_test")))
                .isEqualTo("t=1700000000,v1=7aa818774b12d07b487b77188a423aa42da8d52da13f1fface316ecdf0a91f53");
    }

    /** The worked example in docs/webhooks.md. */
    @Test
    void matchesTheDocumentedExample() {
        byte[] body =
                "{\"id\":\"wh_3kq7xw2m5r4dfn6p.r8\",\"event\":\"revision.committed\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.sign(1_765_130_000L, body, "whsec_example"))
                .isEqualTo("e82b9d1a588dcd0273f59f7838e03c798a1cb28db548eacbba485493dc896193");
    }

    @Test
    void carriesOneSignaturePerValidSecretNewestFirst() {
        assertThat(Signatures.header(1_700_000_000L, BODY, List.of("whsec_test", "old-secret")))
                .isEqualTo("t=1700000000,v1=7aa818774b12d07b487b77188a423aa42da8d52da13f1fface316ecdf0a91f53"
                        + ",v1=886b620a4e70294c704f037e95119c7a1b605632967c3356da1653b5981f1fd0");
    }

    @Test
    void theDocumentedVerifierAcceptsOnlyTheRightSecretBodyAndTime() {
        long now = 1_700_000_100L;
        String header = Signatures.header(1_700_000_000L, BODY, List.of("whsec_new", "whsec_old"));
        assertThat(VerifyCascadeSignature.verify(header, BODY, "whsec_new", now))
                .isTrue();
        assertThat(VerifyCascadeSignature.verify(header, BODY, "whsec_old", now))
                .isTrue();
        assertThat(VerifyCascadeSignature.verify(header, BODY, "whsec_other", now))
                .isFalse();
        assertThat(VerifyCascadeSignature.verify(
                        header, "{\"id\":\"d2\"}".getBytes(StandardCharsets.UTF_8), "whsec_new", now))
                .isFalse();
        assertThat(VerifyCascadeSignature.verify(header, BODY, "whsec_new", now + 600))
                .isFalse();
        assertThat(VerifyCascadeSignature.verify("v1=abc", BODY, "whsec_new", now))
                .isFalse();
    }
}
