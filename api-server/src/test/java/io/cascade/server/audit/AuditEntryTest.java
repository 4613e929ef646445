package io.cascade.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

    private static AuditEntry entry(String message, String requestId) {
        return new AuditEntry(
                "checkout",
                2,
                "layer.put",
                "k_abc",
                "deploy \"bot\"\n",
                Instant.parse("2026-11-25T17:53:28.630Z"),
                3,
                requestId,
                "{\"selector\":{\"tenant\":\"acme\"}}",
                null,
                "{\"a\":\"\\u0001\"}",
                message,
                AuditEntry.GENESIS,
                null);
    }

    /** The vector docs/audit.md's Python re-verifier reproduces: a change here breaks outside tools. */
    @Test
    void theHashMatchesTheDocumentedCanonicalForm() {
        AuditEntry entry = entry("null", null);

        assertThat(entry.canonical())
                .startsWith("namespace=\"checkout\"\nsequence=2\naction=\"layer.put\"\n")
                .contains("requestId=null\n", "message=\"null\"\n", "actor=\"deploy \\\"bot\\\"\\n\"\n");
        assertThat(AuditTrail.hash(entry))
                .isEqualTo("155bf00dade604712dcd164a521883039f33d27cab1e3d811f54c672e1b30407");
    }

    @Test
    void aNullFieldAndAnyStringHashDifferently() {
        assertThat(AuditTrail.hash(entry("null", null))).isNotEqualTo(AuditTrail.hash(entry(null, null)));
        assertThat(AuditTrail.hash(entry(null, "\u0000"))).isNotEqualTo(AuditTrail.hash(entry(null, null)));
    }
}
