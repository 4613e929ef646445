package io.cascade.server.api;

import static io.cascade.server.api.ConfigApiIT.CREATE;
import static io.cascade.server.api.ConfigApiIT.DELETE;
import static io.cascade.server.api.ConfigApiIT.PUT;
import static io.cascade.server.api.ConfigApiIT.SCHEMA;
import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Every change is audited in its namespace's hash chain, and tampering with the store is caught. */
class AuditIT {

    static final String LOG =
            "query($n: String!, $f: Int, $a: String, $actor: String, $action: String, $since: DateTime, $until: DateTime) "
                    + "{ auditLog(namespace: $n, first: $f, after: $a, actor: $actor, action: $action, since: $since, until: $until) "
                    + "{ edges { cursor node { sequence action actor actorKeyId at revision requestId target before after message hash previousHash } } "
                    + "pageInfo { hasNextPage endCursor } } }";
    static final String VERIFY =
            "query($n: String!) { verifyAudit(namespace: $n) { valid entries brokenAt reason headHash } }";

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static GraphQlClient admin;

    @BeforeAll
    static void start() {
        admin = SERVER.get().client();
    }

    /** A namespace with four revisions, made by an editor key with a description. */
    static String namespaceWithHistory() {
        String ns = "audited-" + NAMES.incrementAndGet();
        admin.data(CREATE, vars("n", ns));
        GraphQlClient editor = SecurityITKeys.key(SERVER.get(), admin, ns, "EDITOR", "deploy bot");
        editor.data(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"size\": 1}"), "m", "first"));
        editor.data(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"size\": 2}"), "m", "bigger"));
        editor.data(DELETE, vars("n", ns, "s", json("{}")));
        return ns;
    }

    @Test
    void everyChangeIsRecordedWithActorActionTargetBeforeAndAfter() {
        String ns = namespaceWithHistory();

        JsonNode edges = admin.data(LOG, vars("n", ns)).at("/auditLog/edges");

        assertThat(edges.valueStream().map(e -> e.at("/node/action").asString()))
                .containsExactly("layer.delete", "layer.put", "layer.put", "key.create", "namespace.create");
        JsonNode bigger = edges.get(1).get("node");
        assertThat(bigger.get("actor").asString()).isEqualTo("deploy bot");
        assertThat(bigger.get("actorKeyId").asString()).startsWith("k_");
        assertThat(bigger.get("revision").asInt()).isEqualTo(3);
        assertThat(bigger.get("message").asString()).isEqualTo("bigger");
        assertThat(bigger.get("target").toString())
                .isEqualTo("{\"selector\":{\"environment\":\"*\",\"site\":\"*\",\"tenant\":\"*\"}}");
        assertThat(bigger.get("before").toString()).isEqualTo("{\"size\":1}");
        assertThat(bigger.get("after").toString()).isEqualTo("{\"size\":2}");
        assertThat(bigger.get("requestId").asString()).isNotBlank();
        assertThat(bigger.get("previousHash").asString())
                .isEqualTo(edges.get(2).at("/node/hash").asString());
        JsonNode keyCreated = edges.get(3).get("node");
        assertThat(keyCreated.get("revision").isNull()).isTrue();
        assertThat(keyCreated.toString()).doesNotContain("cas_");
    }

    @Test
    void schemaRegistrationsAreAuditedWithTheSchemaBeforeAndAfter() {
        String ns = "schema-audit-" + NAMES.incrementAndGet();
        admin.data(CREATE, vars("n", ns));
        admin.data(SCHEMA, vars("n", ns, "s", json("{\"type\": \"object\"}")));

        JsonNode entry =
                admin.data(LOG, vars("n", ns, "action", "schema.register")).at("/auditLog/edges/0/node");

        assertThat(entry.get("target").toString()).isEqualTo("{\"schemaVersion\":1}");
        assertThat(entry.get("after").toString()).isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void theLogFiltersByActorActionAndTimeAndPages() {
        String ns = namespaceWithHistory();

        assertThat(admin.data(LOG, vars("n", ns, "actor", "deploy bot")).at("/auditLog/edges"))
                .hasSize(3);
        assertThat(admin.data(LOG, vars("n", ns, "action", "layer.put")).at("/auditLog/edges"))
                .hasSize(2);
        assertThat(admin.data(LOG, vars("n", ns, "since", "2000-01-01T00:00:00Z", "until", "2001-01-01T00:00:00Z"))
                        .at("/auditLog/edges"))
                .isEmpty();
        JsonNode page = admin.data(LOG, vars("n", ns, "f", 2)).get("auditLog");
        JsonNode next = admin.data(
                        LOG,
                        vars(
                                "n",
                                ns,
                                "f",
                                2,
                                "a",
                                page.at("/pageInfo/endCursor").asString()))
                .get("auditLog");
        assertThat(page.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(next.at("/edges/0/node/sequence").asInt()).isEqualTo(3);
    }

    @Test
    void anUntouchedChainVerifies() {
        String ns = namespaceWithHistory();

        JsonNode verification = admin.data(VERIFY, vars("n", ns)).get("verifyAudit");

        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("entries").asInt()).isEqualTo(5);
        assertThat(verification.get("headHash").asString())
                .isEqualTo(admin.data(LOG, vars("n", ns, "f", 1))
                        .at("/auditLog/edges/0/node/hash")
                        .asString());
    }

    @Test
    void anEditedEntryIsCaught() {
        String ns = namespaceWithHistory();

        audit().updateOne(
                        Filters.and(Filters.eq("namespace", ns), Filters.eq("sequence", 3)),
                        Updates.set("after", "{\"size\":1000}"));

        JsonNode verification = admin.data(VERIFY, vars("n", ns)).get("verifyAudit");
        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("brokenAt").asInt()).isEqualTo(3);
        assertThat(verification.get("reason").asString()).contains("altered");
    }

    @Test
    void anEditedEntryWithARecomputedHashBreaksTheNextLink() {
        String ns = namespaceWithHistory();
        Document third = audit().find(Filters.and(Filters.eq("namespace", ns), Filters.eq("sequence", 3)))
                .first();

        audit().updateOne(Filters.eq("_id", third.get("_id")), Updates.set("hash", "f".repeat(64)));

        JsonNode verification = admin.data(VERIFY, vars("n", ns)).get("verifyAudit");
        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("brokenAt").asInt()).isEqualTo(3);
    }

    @Test
    void aDeletedEntryIsCaught() {
        String ns = namespaceWithHistory();

        audit().deleteOne(Filters.and(Filters.eq("namespace", ns), Filters.eq("sequence", 2)));

        JsonNode verification = admin.data(VERIFY, vars("n", ns)).get("verifyAudit");
        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("brokenAt").asInt()).isEqualTo(2);
        assertThat(verification.get("reason").asString()).contains("missing");
    }

    @Test
    void aDeletedLastEntryIsCaughtThroughTheRevisions() {
        String ns = namespaceWithHistory();

        audit().deleteOne(Filters.and(Filters.eq("namespace", ns), Filters.eq("sequence", 5)));

        JsonNode verification = admin.data(VERIFY, vars("n", ns)).get("verifyAudit");
        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("reason").asString()).contains("revision 4");
    }

    @Test
    void platformKeyOperationsAreAuditedInThePlatformChain() {
        admin.data(SecurityIT.CREATE_KEY, vars("r", "ADMIN", "d", "second admin"));

        JsonNode entry =
                admin.data(LOG, vars("n", "_platform", "action", "key.create")).at("/auditLog/edges/0/node");

        assertThat(entry.at("/after/platformAdmin").asBoolean()).isTrue();
        assertThat(admin.data(VERIFY, vars("n", "_platform"))
                        .at("/verifyAudit/valid")
                        .asBoolean())
                .isTrue();
    }

    private static MongoCollection<Document> audit() {
        return SERVER.get().bean(MongoDatabase.class).getCollection("audit");
    }
}
