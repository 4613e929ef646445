package io.cascade.gateway.spi;

/**
 * Who holds a connection, as its API key says: a platform admin, or a key of one namespace with a
 * role ({@code VIEWER}, {@code EDITOR}, {@code APPROVER}, {@code ADMIN}, {@code SDK}) and, for SDK
 * keys, one environment.
 */
public record Caller(String keyId, boolean platformAdmin, String namespace, String role, String environment) {

    /** Whether the key may read anything of {@code namespace}. */
    public boolean mayRead(String namespace) {
        return platformAdmin || namespace.equals(this.namespace);
    }

    /** Whether the key may read {@code environment} of {@code namespace}: SDK keys only their own. */
    public boolean mayReadEnvironment(String namespace, String environment) {
        return mayRead(namespace) && (!isSdk() || (environment != null && environment.equals(this.environment)));
    }

    /** SDK keys serve hosts: they may not watch a namespace's change stream. */
    public boolean isSdk() {
        return !platformAdmin && "SDK".equals(role);
    }
}
