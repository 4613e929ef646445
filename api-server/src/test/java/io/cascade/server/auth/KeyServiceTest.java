package io.cascade.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cascade.server.audit.AuditStore;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.error.CascadeException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a refusal treats a key id that exists and one that does not: the same store look-ups, in
 * the same cases, within the same budget. What it costs is measured in docs/benchmarks.md, not
 * here.
 */
class KeyServiceTest {

    private final AtomicLong now =
            new AtomicLong(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final AtomicInteger keyLookups = new AtomicInteger();
    private MongoServer mongo;
    private MongoClient client;
    private ApiKeyStore store;
    private AuditTrail audit;
    private KeyService keys;

    @BeforeEach
    void start() {
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonDocument command = event.getCommand();
                if ("find".equals(event.getCommandName())
                        && "api_keys".equals(command.getString("find").getValue())
                        && command.containsKey("filter")
                        && command.getDocument("filter").containsKey("_id")) {
                    keyLookups.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(counter)
                .build());
        MongoDatabase database = client.getDatabase("cascade");
        store = new ApiKeyStore(database);
        AuditStore auditStore = new AuditStore(database);
        auditStore.ensureIndexes();
        audit = new AuditTrail(auditStore, JsonMapper.builder().build(), clock);
        keys = new KeyService(store, audit, clock, "test-bootstrap-key");
        keys.refresh();
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.shutdownNow();
    }

    private String created(KeyService service) {
        return service.create(Actor.system("test"), null, Role.ADMIN, null, "k").secret();
    }

    private static String withOtherSecret(String secret) {
        String id = Secrets.keyIdOf(secret);
        return Secrets.newSecret(id);
    }

    private CascadeException refusal(String secret) {
        try {
            keys.authenticate("Bearer " + secret);
        } catch (CascadeException e) {
            return e;
        }
        throw new AssertionError("accepted " + secret);
    }

    @Test
    void aKnownIdWithAWrongSecretAndAnUnknownIdAreRefusedAlikeWithOneLookupEach() {
        String known = withOtherSecret(created(keys));
        String unknown = Secrets.newSecret(Secrets.newKeyId());
        keyLookups.set(0);

        CascadeException knownRefusal = refusal(known);
        int afterKnown = keyLookups.get();
        CascadeException unknownRefusal = refusal(unknown);

        assertThat(afterKnown).isEqualTo(1);
        assertThat(keyLookups.get()).isEqualTo(2);
        assertThat(knownRefusal.getMessage())
                .isEqualTo(unknownRefusal.getMessage())
                .isEqualTo("invalid API key");
        assertThat(knownRefusal.code()).isEqualTo(unknownRefusal.code());
    }

    @Test
    void anIdRefusedInTheLastSecondIsNotLookedUpAgainWhetherItExistsOrNot() {
        String known = withOtherSecret(created(keys));
        String unknown = Secrets.newSecret(Secrets.newKeyId());
        refusal(known);
        refusal(unknown);
        keyLookups.set(0);

        for (int i = 0; i < 5; i++) {
            refusal(withOtherSecret(known));
            refusal(withOtherSecret(unknown));
        }
        assertThat(keyLookups).hasValue(0);

        now.addAndGet(1_001);
        refusal(known);
        refusal(unknown);
        assertThat(keyLookups).hasValue(2);
    }

    @Test
    void refusedIdsCauseAtMostTenLookupsPerSecondAllTogether() {
        keyLookups.set(0);

        for (int i = 0; i < 200; i++) {
            refusal(Secrets.newSecret(Secrets.newKeyId()));
        }
        assertThat(keyLookups).hasValue(KeyService.MAX_LOOKUPS_PER_SECOND);

        now.addAndGet(1_000);
        for (int i = 0; i < 200; i++) {
            refusal(Secrets.newSecret(Secrets.newKeyId()));
        }
        assertThat(keyLookups).hasValue(2 * KeyService.MAX_LOOKUPS_PER_SECOND);
    }

    @Test
    void whenTheLookupsAreSpentAKnownIdIsNotLookedUpEither() {
        String known = withOtherSecret(created(keys));
        for (int i = 0; i < 200; i++) {
            refusal(Secrets.newSecret(Secrets.newKeyId()));
        }
        keyLookups.set(0);

        refusal(known);

        assertThat(keyLookups).hasValue(0);
    }

    @Test
    void aKeyMadeByAnotherProcessWorksAtOnceAndIsThenCached() {
        KeyService otherProcess = new KeyService(store, audit, clock, null);
        String secret = created(otherProcess);
        keyLookups.set(0);

        Principal principal = keys.authenticate("Bearer " + secret);
        keys.authenticate("Bearer " + secret);

        assertThat(principal.keyId()).isEqualTo(Secrets.keyIdOf(secret));
        assertThat(keyLookups).hasValue(1);
    }

    @Test
    void aKeyFoundWhileRefusingAWrongSecretIsCachedForItsOwner() {
        KeyService otherProcess = new KeyService(store, audit, clock, null);
        String secret = created(otherProcess);
        refusal(withOtherSecret(secret));
        keyLookups.set(0);

        assertThat(keys.authenticate("Bearer " + secret).keyId()).isEqualTo(Secrets.keyIdOf(secret));
        assertThat(keyLookups).hasValue(0);
    }

    @Test
    void aSecretThatIsNoKeyCausesNoLookup() {
        keyLookups.set(0);

        assertThatThrownBy(() -> keys.authenticate("Bearer not-a-key")).hasMessage("invalid API key");
        assertThat(keyLookups).hasValue(0);
    }
}
