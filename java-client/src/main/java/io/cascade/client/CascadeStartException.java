package io.cascade.client;

/** {@link CascadeClient#start} found no config: no server answered and there was no usable copy on disk. */
public final class CascadeStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CascadeStartException(String message) {
        super(message);
    }
}
