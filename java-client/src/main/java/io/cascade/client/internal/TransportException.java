package io.cascade.client.internal;

/** A request to a server that failed: no answer, or an answer with an error. Stackless: it is expected. */
public final class TransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public TransportException(String message, String code) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The error's {@code extensions.code}, or null when the server did not answer with one. */
    public String code() {
        return code;
    }
}
