package io.cascade.server.auth;

import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;

/** A request without a valid key: {@code UNAUTHENTICATED}, with why, for the metrics. */
public final class Unauthenticated extends CascadeException {

    private static final long serialVersionUID = 1L;

    private final AuthFailureReason reason;

    Unauthenticated(AuthFailureReason reason, String message) {
        super(ApiErrorCode.UNAUTHENTICATED, message);
        this.reason = reason;
    }

    public AuthFailureReason reason() {
        return reason;
    }
}
