package io.cascade.gateway.spi;

import java.util.Optional;

/** Checks the API key a connection presents ({@code Bearer <key>}); empty when it is not valid (any more). */
@FunctionalInterface
public interface KeyVerifier {

    Optional<Caller> verify(String authorization);
}
