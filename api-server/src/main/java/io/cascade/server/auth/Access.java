package io.cascade.server.auth;

import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;

/**
 * The checks each operation makes before it reads or changes anything. A key never learns whether
 * a namespace it may not see exists: the answer is {@code FORBIDDEN} either way.
 */
public final class Access {

    private Access() {}

    public static void requirePlatformAdmin(Principal principal) {
        if (!principal.platformAdmin()) {
            throw forbidden("this needs the platform admin key");
        }
    }

    /** At least {@code role} in {@code namespace}; SDK keys never pass. */
    public static void require(Principal principal, String namespace, Role role) {
        if (principal.platformAdmin()) {
            return;
        }
        requireNamespace(principal, namespace);
        if (!principal.role().includes(role)) {
            throw forbidden(
                    principal.role() == Role.SDK
                            ? "an SDK key may only resolve config, evaluate flags and subscribe in its environment"
                            : "this needs role " + role + " in namespace '" + namespace + "'; the key has "
                                    + principal.role());
        }
    }

    /**
     * Reading resolved config or flag values of one environment: any {@code VIEWER}, or an SDK key
     * of that namespace and exactly that environment.
     */
    public static void requireEnvironmentRead(Principal principal, String namespace, String environment) {
        if (principal.platformAdmin()) {
            return;
        }
        requireNamespace(principal, namespace);
        if (principal.role() != Role.SDK) {
            require(principal, namespace, Role.VIEWER);
            return;
        }
        if (environment == null || !environment.equals(principal.environment())) {
            throw forbidden("this SDK key may only read environment '" + principal.environment() + "'");
        }
    }

    /** Whether the key may see {@code namespace} at all. */
    public static boolean canSee(Principal principal, String namespace) {
        return principal.platformAdmin() || namespace.equals(principal.namespace());
    }

    private static void requireNamespace(Principal principal, String namespace) {
        if (!namespace.equals(principal.namespace())) {
            throw forbidden("this key has no access to namespace '" + namespace + "'");
        }
    }

    private static CascadeException forbidden(String message) {
        return new CascadeException(ApiErrorCode.FORBIDDEN, message);
    }
}
