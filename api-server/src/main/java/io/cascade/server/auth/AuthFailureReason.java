package io.cascade.server.auth;

import java.util.Locale;

/** Why a request presented no valid key: a closed set, carried by the refusal itself and fit for a metric attribute. */
public enum AuthFailureReason {
    MISSING,
    MALFORMED,
    INVALID,
    REVOKED,
    OTHER;

    /** The attribute value: {@code missing}, {@code malformed}, ... */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
