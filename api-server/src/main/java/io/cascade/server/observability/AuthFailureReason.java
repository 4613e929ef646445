package io.cascade.server.observability;

import java.util.Locale;

/** Why a request presented no valid key, as a closed set fit for a metric attribute. */
enum AuthFailureReason {
    MISSING,
    MALFORMED,
    INVALID,
    REVOKED,
    OTHER;

    /**
     * The category of a failure reason from {@link io.cascade.server.auth.AuthMetrics}. Only the
     * category leaves: the reason text itself (which may name a key id) never does.
     */
    static AuthFailureReason of(String reason) {
        if (reason == null) {
            return OTHER;
        }
        String text = reason.toLowerCase(Locale.ROOT);
        if (text.startsWith("missing")) {
            return MISSING;
        }
        if (text.startsWith("malformed")) {
            return MALFORMED;
        }
        if (text.contains("revoked")) {
            return REVOKED;
        }
        if (text.startsWith("invalid")) {
            return INVALID;
        }
        return OTHER;
    }

    /** The attribute value: {@code missing}, {@code malformed}, ... */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
