package io.cascade.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cascade.server.audit.AuditStore;
import io.cascade.server.audit.AuditTrail;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auth-failure metric's reason for each way a request can present no valid key, found by
 * sending such requests through the real {@link AuthFilter} and {@link KeyService}, so that a
 * changed refusal can never quietly fall into another category or into {@code other}.
 */
class AuthFailureReasonTest {

    private static final String UNKNOWN_KEY = "cas_k_aaaaaaaaaaaaaaaa_" + "A".repeat(43);

    private static MongoServer store;
    private static MongoClient client;
    private static KeyService keys;
    private static final List<AuthFailureReason> reported = new ArrayList<>();
    private static AuthFilter filter;

    @BeforeAll
    static void start(@TempDir Path dataDir) {
        store = new MongoServer(new MemoryBackend());
        client = MongoClients.create(store.bindAndGetConnectionString());
        MongoDatabase database = client.getDatabase("cascade");
        JsonMapper json = JsonMapper.builder().build();
        keys = new KeyService(
                new ApiKeyStore(database),
                new AuditTrail(new AuditStore(database), json, Clock.systemUTC()),
                Clock.systemUTC(),
                "bootstrap-" + dataDir.getFileName());
        keys.start(dataDir);
        filter = new AuthFilter(keys, json, reported::add);
    }

    @AfterAll
    static void stop() {
        client.close();
        store.shutdownNow();
    }

    @Test
    void noAuthorizationHeaderIsMissing() throws Exception {
        assertThat(reasonFor(null)).isEqualTo(AuthFailureReason.MISSING);
        assertThat(reasonFor(" ")).isEqualTo(AuthFailureReason.MISSING);
    }

    @Test
    void anotherSchemeOrAnOversizedHeaderIsMalformed() throws Exception {
        assertThat(reasonFor("Basic dXNlcjpwYXNz")).isEqualTo(AuthFailureReason.MALFORMED);
        assertThat(reasonFor("Bearer " + "x".repeat(600))).isEqualTo(AuthFailureReason.MALFORMED);
    }

    @Test
    void aKeyNobodyMadeOrAWrongSecretIsInvalid() throws Exception {
        assertThat(reasonFor("Bearer not-a-key")).isEqualTo(AuthFailureReason.INVALID);
        assertThat(reasonFor("Bearer " + UNKNOWN_KEY)).isEqualTo(AuthFailureReason.INVALID);
        String id = newKey("wrong secret").key().id();
        assertThat(reasonFor("Bearer cas_" + id + "_" + "B".repeat(43))).isEqualTo(AuthFailureReason.INVALID);
    }

    @Test
    void aRevokedKeyIsRevoked() throws Exception {
        KeyService.Created created = newKey("revoked");
        keys.revoke(Actor.system("test"), created.key(), "no longer needed");

        assertThat(reasonFor("Bearer " + created.secret())).isEqualTo(AuthFailureReason.REVOKED);
    }

    @Test
    void aValidKeyReportsNothing() throws Exception {
        int before = reported.size();

        MockHttpServletResponse response = send("Bearer " + newKey("valid").secret());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(reported).hasSize(before);
    }

    @Test
    void valuesAreLowerCase() {
        assertThat(AuthFailureReason.REVOKED.value()).isEqualTo("revoked");
    }

    private static KeyService.Created newKey(String description) {
        return keys.create(Actor.system("test"), null, Role.ADMIN, null, description);
    }

    /** The category of the one failure the request was reported with. */
    private static AuthFailureReason reasonFor(String authorization) throws Exception {
        int before = reported.size();
        MockHttpServletResponse response = send(authorization);
        assertThat(response.getStatus()).as("status for %s", authorization).isEqualTo(401);
        assertThat(reported).as("failures reported").hasSize(before + 1);
        return reported.get(before);
    }

    private static MockHttpServletResponse send(String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
