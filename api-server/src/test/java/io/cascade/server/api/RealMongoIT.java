package io.cascade.server.api;

import static io.cascade.server.api.ConfigApiIT.CREATE;
import static io.cascade.server.api.ConfigApiIT.PUT;
import static io.cascade.server.api.ConfigApiIT.RESOLVE;
import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same store code against a real MongoDB, when {@code CASCADE_MONGODB_URI} points at one (a
 * replica set in production). Each run uses a database of its own. Skipped otherwise; the embedded
 * store covers the same behaviour in every other test.
 */
@EnabledIfEnvironmentVariable(named = "CASCADE_MONGODB_URI", matches = "mongodb(\\+srv)?://.+")
class RealMongoIT {

    @Test
    void aRealMongoDbKeepsRevisionsAcrossARestartAndRefusesStaleWrites() {
        String uri = withDatabase(
                System.getenv("CASCADE_MONGODB_URI"),
                "cascade_it_" + UUID.randomUUID().toString().replace("-", ""));
        try (TestServer server = TestServer.start(Map.of("cascade.mongodb-uri", uri))) {
            GraphQlClient client = server.client();
            client.data(CREATE, vars("n", "real"));
            client.data(PUT, vars("n", "real", "s", json("{}"), "c", json("{\"v\": 1}")));

            server.restart();

            GraphQlClient after = server.client();
            assertThat(after.data(RESOLVE, vars("n", "real", "s", json("{}")))
                            .at("/resolveConfig/config/v")
                            .asInt())
                    .isEqualTo(1);
            assertThat(after.post(PUT, vars("n", "real", "s", json("{}"), "c", json("{\"v\": 2}"), "e", 1))
                            .code())
                    .isEqualTo("CONFLICT");
            assertThat(after.data(PUT, vars("n", "real", "s", json("{}"), "c", json("{\"v\": 2}"), "e", 2))
                            .at("/putLayer/revision")
                            .asInt())
                    .isEqualTo(3);
        }
    }

    /** The URI with its database path replaced, keeping any options. */
    static String withDatabase(String uri, String database) {
        int scheme = uri.indexOf("://") + 3;
        int slash = uri.indexOf('/', scheme);
        int query = uri.indexOf('?', scheme);
        String hosts = uri.substring(0, slash >= 0 ? slash : query >= 0 ? query : uri.length());
        String options = query >= 0 ? uri.substring(query) : "";
        return hosts + "/" + database + options;
    }
}
