package io.cascade.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthFailureReasonTest {

    @Test
    void keyServiceMessagesFallIntoTheirCategories() {
        assertThat(AuthFailureReason.of("missing Authorization header: send Authorization: Bearer <key>"))
                .isEqualTo(AuthFailureReason.MISSING);
        assertThat(AuthFailureReason.of("malformed Authorization header: expected Bearer <key>"))
                .isEqualTo(AuthFailureReason.MALFORMED);
        assertThat(AuthFailureReason.of("invalid API key")).isEqualTo(AuthFailureReason.INVALID);
        assertThat(AuthFailureReason.of("API key ck_1234 was revoked")).isEqualTo(AuthFailureReason.REVOKED);
    }

    @Test
    void anythingElseIsOther() {
        assertThat(AuthFailureReason.of("something new")).isEqualTo(AuthFailureReason.OTHER);
        assertThat(AuthFailureReason.of(null)).isEqualTo(AuthFailureReason.OTHER);
    }

    @Test
    void valuesAreLowerCase() {
        assertThat(AuthFailureReason.REVOKED.value()).isEqualTo("revoked");
    }
}
