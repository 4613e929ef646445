package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.vars;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;

/** Makes keys for integration tests. */
final class SecurityITKeys {

    private SecurityITKeys() {}

    static GraphQlClient key(
            TestServer server, GraphQlClient admin, String namespace, String role, String description) {
        String secret = admin.data(SecurityIT.CREATE_KEY, vars("n", namespace, "r", role, "d", description))
                .at("/createApiKey/secret")
                .asString();
        return server.anonymousClient().withKey(secret);
    }
}
