package io.cascade.gateway.api;

/** A subscription refused, with the code the client gets in {@code extensions.code}. */
public final class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public GatewayException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    static GatewayException forbidden(String message) {
        return new GatewayException("FORBIDDEN", message);
    }

    static GatewayException badInput(String message) {
        return new GatewayException("BAD_USER_INPUT", message);
    }
}
