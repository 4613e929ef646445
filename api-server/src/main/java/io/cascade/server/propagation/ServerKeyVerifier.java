package io.cascade.server.propagation;

import io.cascade.gateway.spi.Caller;
import io.cascade.gateway.spi.KeyVerifier;
import io.cascade.server.auth.KeyService;
import io.cascade.server.auth.Principal;
import io.cascade.server.error.CascadeException;
import java.util.Optional;

/** Keys checked by the server's own key service, exactly as for HTTP requests. */
final class ServerKeyVerifier implements KeyVerifier {

    private final KeyService keys;

    ServerKeyVerifier(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Optional<Caller> verify(String authorization) {
        try {
            Principal principal = keys.authenticate(authorization);
            return Optional.of(new Caller(
                    principal.keyId(),
                    principal.platformAdmin(),
                    principal.namespace(),
                    principal.role() == null ? null : principal.role().name(),
                    principal.environment()));
        } catch (CascadeException refused) {
            return Optional.empty();
        }
    }
}
