package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Multi-change revisions and change requests: propose, review, apply as one revision, conflicts. */
class ChangeRequestIT {

    static final String CR_FIELDS = "id title state author baseRevision changes requiredApprovals environments"
            + " appliedRevision missingApprovals approvals { actor comment role } comments { actor kind text }";
    static final String COMMIT_CHANGES =
            "mutation($n: String!, $c: JSON!, $e: Int, $bg: String) { commitChanges(namespace: $n, changes: $c,"
                    + " expectedRevision: $e, breakGlass: $bg) { revision } }";
    static final String VALIDATE =
            "query($n: String!, $c: JSON!) { validateChanges(namespace: $n, changes: $c) { valid violations { scope layer path message code } } }";
    static final String PROPOSE =
            "mutation($n: String!, $t: String!, $c: JSON!, $b: Int) { proposeChange(namespace: $n, title: $t, changes: $c,"
                    + " baseRevision: $b) { " + CR_FIELDS + " } }";
    static final String REVISE = "mutation($n: String!, $id: ID!, $c: JSON!) { reviseChange(namespace: $n, id: $id,"
            + " changes: $c) { " + CR_FIELDS + " } }";
    static final String APPROVE = "mutation($n: String!, $id: ID!, $m: String) { approveChange(namespace: $n, id: $id,"
            + " comment: $m) { " + CR_FIELDS + " } }";
    static final String REJECT = "mutation($n: String!, $id: ID!, $m: String) { rejectChange(namespace: $n, id: $id,"
            + " comment: $m) { " + CR_FIELDS + " } }";
    static final String APPLY = "mutation($n: String!, $id: ID!, $e: Int, $bg: String) { applyChange(namespace: $n,"
            + " id: $id, expectedRevision: $e, breakGlass: $bg) { revision message } }";
    static final String GET = "query($n: String!, $id: ID!) { changeRequest(namespace: $n, id: $id) { " + CR_FIELDS
            + " diff { layers { selector kind } flags { key kind } } } }";
    static final String LIST =
            "query($n: String!, $s: ChangeState, $f: Int, $a: String) { changeRequests(namespace: $n,"
                    + " state: $s, first: $f, after: $a) { edges { node { id state } } pageInfo { hasNextPage endCursor } } }";
    static final String INBOX = "query($n: String!) { changeRequestInbox(namespace: $n) { edges { node { id } } } }";
    static final String HISTORY =
            "query($n: String!) { history(namespace: $n, first: 1) { edges { node { revision changes { kind action target } } } } }";
    static final String RESOLVE =
            "query($n: String!, $s: JSON!) { resolveConfig(namespace: $n, scope: $s) { config } }";
    static final String SCHEMA =
            "mutation($n: String!, $s: JSON!) { registerSchema(namespace: $n, schema: $s) { revision } }";

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestServer server;
    private static GraphQlClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> putLayer(String env, Object content) {
        return Map.of("op", "putLayer", "selector", Map.of("environment", env), "content", content);
    }

    static Map<String, Object> putLayer(Map<String, String> selector, Object content) {
        return Map.of("op", "putLayer", "selector", selector, "content", content);
    }

    /** A namespace with a schema (pool.size: integer 1-100), layers for prod and staging, prod protected by 2. */
    record Team(
            String ns, GraphQlClient editor, GraphQlClient approver1, GraphQlClient approver2, GraphQlClient viewer) {}

    static Team team() {
        String ns = "cr-" + NAMES.incrementAndGet();
        admin.data(ConfigApiIT.CREATE, vars("n", ns));
        admin.data(SCHEMA, vars("n", ns, "s", json("""
                { "type": "object", "properties": { "pool": { "type": "object", "properties": {
                  "size": { "type": "integer", "minimum": 1, "maximum": 100 } } } } }""")));
        admin.data(
                COMMIT_CHANGES,
                vars(
                        "n",
                        ns,
                        "c",
                        List.of(
                                putLayer("prod", Map.of("pool", Map.of("size", 10))),
                                putLayer("staging", Map.of("pool", Map.of("size", 2))))));
        admin.data(EnvironmentPolicyIT.POLICY, vars("n", ns, "env", "prod", "p", Map.of("requiredApprovals", 2)));
        return new Team(
                ns,
                SecurityITKeys.key(server, admin, ns, "EDITOR", "edna"),
                SecurityITKeys.key(server, admin, ns, "APPROVER", "abe"),
                SecurityITKeys.key(server, admin, ns, "APPROVER", "ada"),
                SecurityITKeys.key(server, admin, ns, "VIEWER", "vic"));
    }

    /** Segments touch every environment: some tests lift prod's protection to write them directly. */
    static void unprotect(String ns) {
        admin.data(EnvironmentPolicyIT.POLICY, vars("n", ns, "env", "prod", "p", Map.of("requiredApprovals", 0)));
    }

    static int revision(String ns) {
        return admin.data(EnvironmentPolicyIT.REVISION, vars("n", ns))
                .at("/namespace/revision")
                .asInt();
    }

    @Nested
    class MultiChangeRevisions {

        @Test
        void severalChangesCommitAsOneRevisionThatHistoryShowsWhole() {
            Team t = team();
            unprotect(t.ns());
            int before = revision(t.ns());
            int rev = t.editor()
                    .data(
                            COMMIT_CHANGES,
                            vars(
                                    "n",
                                    t.ns(),
                                    "c",
                                    List.of(
                                            putLayer("staging", Map.of("pool", Map.of("size", 3))),
                                            putLayer("dev", Map.of("pool", Map.of("size", 1))),
                                            Map.of(
                                                    "op",
                                                    "putSegment",
                                                    "segment",
                                                    Map.of("key", "beta", "included", List.of("acme"))))))
                    .path("commitChanges")
                    .path("revision")
                    .asInt();
            assertThat(rev).isEqualTo(before + 1);
            JsonNode changes = admin.data(HISTORY, vars("n", t.ns())).at("/history/edges/0/node/changes");
            assertThat(changes).hasSize(3);
            assertThat(changes.toString()).contains("staging", "dev", "beta");
            JsonNode diff = admin.data(
                            "query($n: String!, $f: Int!) { diff(namespace: $n, fromRevision: $f) { layers { kind } segments { key } } }",
                            vars("n", t.ns(), "f", before))
                    .get("diff");
            assertThat(diff.get("layers")).hasSize(2);
            assertThat(diff.get("segments")).hasSize(1);
            JsonNode audit = admin.data(AuditIT.LOG, vars("n", t.ns(), "f", 1)).at("/auditLog/edges/0/node");
            assertThat(audit.get("action").asString()).isEqualTo("changes.commit");
            assertThat(audit.get("target")).hasSize(3);
            admin.data(EnvironmentPolicyIT.RESTORE, vars("n", t.ns(), "r", before));
            JsonNode restored = admin.data(HISTORY, vars("n", t.ns())).at("/history/edges/0/node/changes");
            assertThat(restored).hasSize(3);
            assertThat(restored.toString()).contains("delete");
        }

        @Test
        void theChangesAreValidatedTogether() {
            Team t = team();
            unprotect(t.ns());
            // A flag that uses a segment created in the same revision: valid only together.
            Map<String, Object> flag = Map.of(
                    "key",
                    "f",
                    "type",
                    "boolean",
                    "variations",
                    Map.of("on", true, "off", false),
                    "environments",
                    Map.of(
                            "staging",
                            Map.of(
                                    "enabled",
                                    true,
                                    "offVariation",
                                    "off",
                                    "rules",
                                    List.of(Map.of("id", "r", "when", "tenant in segment(\"beta\")", "serve", "on")),
                                    "fallthrough",
                                    Map.of("serve", "off"))));
            List<Object> both = List.of(
                    Map.of("op", "putFlag", "flag", flag),
                    Map.of("op", "putSegment", "segment", Map.of("key", "beta", "included", List.of("acme"))));
            assertThat(t.editor()
                            .post(COMMIT_CHANGES, vars("n", t.ns(), "c", List.of(both.get(0))))
                            .code())
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(t.editor()
                            .post(COMMIT_CHANGES, vars("n", t.ns(), "c", both))
                            .errors())
                    .isEmpty();
        }

        @Test
        void anInvalidChangeRefusesTheWholeListWithEveryViolation() {
            Team t = team();
            int before = revision(t.ns());
            List<Object> changes = List.of(
                    putLayer("staging", Map.of("pool", Map.of("size", 0))),
                    putLayer("dev", Map.of("pool", Map.of("size", "big"))),
                    putLayer("qa", Map.of("pool", Map.of("size", 5))));
            GraphQlClient.Response refused = t.editor().post(COMMIT_CHANGES, vars("n", t.ns(), "c", changes));
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.firstError().at("/extensions/violations")).hasSize(2);
            JsonNode report =
                    t.editor().data(VALIDATE, vars("n", t.ns(), "c", changes)).get("validateChanges");
            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(report.get("violations")).hasSize(2);
            assertThat(revision(t.ns())).isEqualTo(before);
        }

        @Test
        void malformedListsAreRefusedWithTheirIndex() {
            Team t = team();
            int before = revision(t.ns());
            List<Object[]> bad = List.of(
                    new Object[] {Map.of("op", "putLayer"), "BAD_USER_INPUT"},
                    new Object[] {"not a list", "BAD_USER_INPUT"},
                    new Object[] {List.of(), "BAD_USER_INPUT"},
                    new Object[] {List.of(Map.of("op", "dropTable")), "BAD_USER_INPUT"},
                    new Object[] {
                        List.of(Map.of("op", "deleteLayer", "selector", Map.of("environment", "nope"))), "NOT_FOUND"
                    },
                    new Object[] {List.of(putLayer("qa", Map.of()), putLayer("qa", Map.of())), "BAD_USER_INPUT"},
                    new Object[] {List.of(putLayer(Map.of("planet", "mars"), Map.of())), "BAD_USER_INPUT"},
                    new Object[] {
                        List.of(Map.of("op", "putLayer", "selector", Map.of(), "content", Map.of(), "x", 1)),
                        "BAD_USER_INPUT"
                    });
            for (Object[] row : bad) {
                GraphQlClient.Response response = t.editor().post(COMMIT_CHANGES, vars("n", t.ns(), "c", row[0]));
                assertThat(response.code()).as(String.valueOf(row[0])).isEqualTo(row[1]);
            }
            assertThat(t.editor()
                            .post(COMMIT_CHANGES, vars("n", t.ns(), "c", List.of(Map.of("op", "putLayer"))))
                            .firstError()
                            .get("message")
                            .asString())
                    .startsWith("changes[0]");
            assertThat(revision(t.ns())).isEqualTo(before);
        }

        @Test
        void aListTouchingAProtectedEnvironmentNeedsApprovals() {
            Team t = team();
            assertThat(t.editor()
                            .post(
                                    COMMIT_CHANGES,
                                    vars(
                                            "n",
                                            t.ns(),
                                            "c",
                                            List.of(
                                                    putLayer("staging", Map.of()),
                                                    putLayer("prod", Map.of("pool", Map.of("size", 3))))))
                            .code())
                    .isEqualTo("APPROVAL_REQUIRED");
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void proposeReviewAndApplyAsOneRevision() {
            Team t = team();
            List<Object> changes = List.of(
                    putLayer("prod", Map.of("pool", Map.of("size", 20))),
                    putLayer("staging", Map.of("pool", Map.of("size", 4))));
            JsonNode cr = t.editor()
                    .data(PROPOSE, vars("n", t.ns(), "t", "Bigger pools", "c", changes))
                    .get("proposeChange");
            String id = cr.get("id").asString();
            assertThat(cr.get("state").asString()).isEqualTo("OPEN");
            assertThat(cr.get("requiredApprovals").asInt()).isEqualTo(2);
            assertThat(cr.get("environments").toString()).isEqualTo("[\"prod\"]");
            assertThat(cr.get("author").asString()).isEqualTo("edna");

            assertThat(t.approver1().data(INBOX, vars("n", t.ns())).at("/changeRequestInbox/edges"))
                    .hasSize(1);
            assertThat(t.editor().post(APPROVE, vars("n", t.ns(), "id", id)).code())
                    .isEqualTo("FORBIDDEN");
            assertThat(t.approver1()
                            .data(APPROVE, vars("n", t.ns(), "id", id, "m", "lgtm"))
                            .at("/approveChange/approvals"))
                    .hasSize(1);
            assertThat(t.approver1().post(APPROVE, vars("n", t.ns(), "id", id)).code())
                    .isEqualTo("CONFLICT");
            assertThat(t.approver1().data(INBOX, vars("n", t.ns())).at("/changeRequestInbox/edges"))
                    .isEmpty();
            GraphQlClient.Response early = t.editor().post(APPLY, vars("n", t.ns(), "id", id));
            assertThat(early.code()).isEqualTo("APPROVAL_REQUIRED");
            assertThat(early.firstError().get("message").asString()).contains("prod needs 2", "has 1");

            JsonNode revised = t.editor()
                    .data(
                            REVISE,
                            vars(
                                    "n",
                                    t.ns(),
                                    "id",
                                    id,
                                    "c",
                                    List.of(
                                            putLayer("prod", Map.of("pool", Map.of("size", 30))),
                                            putLayer("staging", Map.of("pool", Map.of("size", 4))))))
                    .get("reviseChange");
            assertThat(revised.get("approvals")).isEmpty();
            t.approver1().data(APPROVE, vars("n", t.ns(), "id", id));
            t.approver2().data(APPROVE, vars("n", t.ns(), "id", id));

            int before = revision(t.ns());
            JsonNode diff = admin.data(GET, vars("n", t.ns(), "id", id)).at("/changeRequest/diff/layers");
            assertThat(diff).hasSize(2);
            JsonNode commit =
                    t.editor().data(APPLY, vars("n", t.ns(), "id", id)).get("applyChange");
            assertThat(commit.get("revision").asInt()).isEqualTo(before + 1);
            assertThat(commit.get("message").asString()).contains("change request " + id);
            assertThat(admin.data(HISTORY, vars("n", t.ns())).at("/history/edges/0/node/changes"))
                    .hasSize(2);
            assertThat(admin.data(RESOLVE, vars("n", t.ns(), "s", Map.of("environment", "prod")))
                            .at("/resolveConfig/config/pool/size")
                            .asInt())
                    .isEqualTo(30);
            JsonNode applied = admin.data(GET, vars("n", t.ns(), "id", id)).get("changeRequest");
            assertThat(applied.get("state").asString()).isEqualTo("APPLIED");
            assertThat(applied.get("appliedRevision").asInt()).isEqualTo(before + 1);
            assertThat(t.editor().post(APPLY, vars("n", t.ns(), "id", id)).code())
                    .isEqualTo("CONFLICT");

            List<String> actions = new ArrayList<>();
            for (JsonNode edge :
                    admin.data(AuditIT.LOG, vars("n", t.ns(), "f", 6)).at("/auditLog/edges")) {
                actions.add(0, edge.at("/node/action").asString());
            }
            assertThat(actions)
                    .containsExactly(
                            "change.propose",
                            "change.approve",
                            "change.revise",
                            "change.approve",
                            "change.approve",
                            "change.apply");
            assertThat(admin.data(AuditIT.VERIFY, vars("n", t.ns()))
                            .at("/verifyAudit/valid")
                            .asBoolean())
                    .isTrue();
        }

        @Test
        void aProposalThatWouldNotValidateIsRefusedLikeADirectWrite() {
            Team t = team();
            GraphQlClient.Response refused = t.editor()
                    .post(
                            PROPOSE,
                            vars(
                                    "n",
                                    t.ns(),
                                    "t",
                                    "bad",
                                    "c",
                                    List.of(putLayer("prod", Map.of("pool", Map.of("size", 0))))));
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.firstError().at("/extensions/violations/0/path").asString())
                    .isEqualTo("/pool/size");
            assertThat(t.viewer()
                            .post(PROPOSE, vars("n", t.ns(), "t", "x", "c", List.of(putLayer("qa", Map.of()))))
                            .code())
                    .isEqualTo("FORBIDDEN");
            assertThat(t.editor()
                            .post(PROPOSE, vars("n", t.ns(), "t", "", "c", List.of(putLayer("qa", Map.of()))))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(t.editor()
                            .post(
                                    PROPOSE,
                                    vars("n", t.ns(), "t", "x", "c", List.of(putLayer("qa", Map.of())), "b", 999))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(admin.data(LIST, vars("n", t.ns())).at("/changeRequests/edges"))
                    .isEmpty();
        }

        @Test
        void aRejectedRequestCannotBeApprovedOrApplied() {
            Team t = team();
            String id = t.editor()
                    .data(PROPOSE, vars("n", t.ns(), "t", "x", "c", List.of(putLayer("prod", Map.of()))))
                    .at("/proposeChange/id")
                    .asString();
            assertThat(t.viewer().post(REJECT, vars("n", t.ns(), "id", id)).code())
                    .isEqualTo("FORBIDDEN");
            assertThat(t.approver1()
                            .data(REJECT, vars("n", t.ns(), "id", id, "m", "no"))
                            .at("/rejectChange/state")
                            .asString())
                    .isEqualTo("REJECTED");
            assertThat(t.approver2().post(APPROVE, vars("n", t.ns(), "id", id)).code())
                    .isEqualTo("CONFLICT");
            assertThat(t.editor().post(APPLY, vars("n", t.ns(), "id", id)).code())
                    .isEqualTo("CONFLICT");
            assertThat(t.editor().post(APPLY, vars("n", t.ns(), "id", "42")).code())
                    .isEqualTo("NOT_FOUND");
            assertThat(t.editor().post(APPLY, vars("n", t.ns(), "id", "x")).code())
                    .isEqualTo("NOT_FOUND");
        }

        @Test
        void anUnprotectedRequestAppliesWithoutApprovals() {
            Team t = team();
            String id = t.editor()
                    .data(PROPOSE, vars("n", t.ns(), "t", "x", "c", List.of(putLayer("staging", Map.of()))))
                    .at("/proposeChange/id")
                    .asString();
            assertThat(t.editor().post(APPLY, vars("n", t.ns(), "id", id)).errors())
                    .isEmpty();
        }

        @Test
        void listsAreNewestFirstInRelayPagesAndFilterByState() {
            Team t = team();
            for (int i = 0; i < 3; i++) {
                t.editor()
                        .data(PROPOSE, vars("n", t.ns(), "t", "cr " + i, "c", List.of(putLayer("staging", Map.of()))));
            }
            t.approver1().data(REJECT, vars("n", t.ns(), "id", "2"));
            JsonNode page = admin.data(LIST, vars("n", t.ns(), "f", 2)).get("changeRequests");
            assertThat(page.at("/edges/0/node/id").asString()).isEqualTo("3");
            assertThat(page.at("/edges/1/node/id").asString()).isEqualTo("2");
            assertThat(page.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
            JsonNode next = admin.data(
                            LIST,
                            vars(
                                    "n",
                                    t.ns(),
                                    "f",
                                    2,
                                    "a",
                                    page.at("/pageInfo/endCursor").asString()))
                    .get("changeRequests");
            assertThat(next.at("/edges/0/node/id").asString()).isEqualTo("1");
            assertThat(next.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
            assertThat(admin.data(LIST, vars("n", t.ns(), "s", "REJECTED")).at("/changeRequests/edges"))
                    .hasSize(1);
        }

        @Test
        void breakGlassAppliesWithoutApprovalsAndIsAudited() {
            Team t = team();
            String id = t.editor()
                    .data(PROPOSE, vars("n", t.ns(), "t", "hotfix", "c", List.of(putLayer("prod", Map.of()))))
                    .at("/proposeChange/id")
                    .asString();
            GraphQlClient nsAdmin = SecurityITKeys.key(server, admin, t.ns(), "ADMIN", "boss");
            assertThat(nsAdmin.post(APPLY, vars("n", t.ns(), "id", id, "bg", "outage"))
                            .code())
                    .isEqualTo("FORBIDDEN");
            int rev = admin.data(APPLY, vars("n", t.ns(), "id", id, "bg", "INC-7 outage"))
                    .at("/applyChange/revision")
                    .asInt();
            JsonNode entry = admin.data(AuditIT.LOG, vars("n", t.ns(), "action", "policy.break-glass"))
                    .at("/auditLog/edges/0/node");
            assertThat(entry.get("revision").asInt()).isEqualTo(rev);
            assertThat(entry.get("message").asString()).contains("INC-7 outage");
        }
    }

    @Nested
    class Rights {

        @Test
        void onlyTheAuthorOrAnAdminRevises() {
            Team t = team();
            String id = t.editor()
                    .data(PROPOSE, vars("n", t.ns(), "t", "x", "c", List.of(putLayer("prod", Map.of()))))
                    .at("/proposeChange/id")
                    .asString();
            GraphQlClient other = SecurityITKeys.key(server, admin, t.ns(), "EDITOR", "otto");
            assertThat(other.post(REVISE, vars("n", t.ns(), "id", id, "c", List.of(putLayer("qa", Map.of()))))
                            .code())
                    .isEqualTo("FORBIDDEN");
            assertThat(admin.post(REVISE, vars("n", t.ns(), "id", id, "c", List.of(putLayer("qa", Map.of()))))
                            .errors())
                    .isEmpty();
        }

        @Test
        void aPolicyCanRequireAdminApprovalsAndAnExpiry() {
            Team t = team();
            admin.data(
                    EnvironmentPolicyIT.POLICY,
                    vars(
                            "n",
                            t.ns(),
                            "env",
                            "prod",
                            "p",
                            Map.of("requiredApprovals", 1, "approverRole", "ADMIN", "expiresAfterHours", 24)));
            JsonNode cr = t.editor()
                    .data(PROPOSE, vars("n", t.ns(), "t", "x", "c", List.of(putLayer("prod", Map.of()))))
                    .get("proposeChange");
            String id = cr.get("id").asString();
            JsonNode full = admin.data(
                            "query($n: String!, $id: ID!) { changeRequest(namespace: $n, id: $id) { expiresAt createdAt } }",
                            vars("n", t.ns(), "id", id))
                    .get("changeRequest");
            assertThat(java.time.Duration.between(
                            java.time.Instant.parse(full.get("createdAt").asString()),
                            java.time.Instant.parse(full.get("expiresAt").asString())))
                    .isEqualTo(java.time.Duration.ofHours(24));
            assertThat(t.approver1().post(APPROVE, vars("n", t.ns(), "id", id)).code())
                    .isEqualTo("FORBIDDEN");
            GraphQlClient nsAdmin = SecurityITKeys.key(server, admin, t.ns(), "ADMIN", "boss");
            nsAdmin.data(APPROVE, vars("n", t.ns(), "id", id));
            assertThat(t.editor().post(APPLY, vars("n", t.ns(), "id", id)).errors())
                    .isEmpty();
        }
    }

    @Nested
    class Conflicts {

        @Test
        void aRequestWhoseLayerChangedMeanwhileConflictsAndAnUnrelatedChangeDoesNot() {
            Team t = team();
            String mine = t.editor()
                    .data(
                            PROPOSE,
                            vars(
                                    "n",
                                    t.ns(),
                                    "t",
                                    "mine",
                                    "c",
                                    List.of(putLayer("staging", Map.of("pool", Map.of("size", 5))))))
                    .at("/proposeChange/id")
                    .asString();
            String other = t.editor()
                    .data(
                            PROPOSE,
                            vars(
                                    "n",
                                    t.ns(),
                                    "t",
                                    "other",
                                    "c",
                                    List.of(putLayer("dev", Map.of("pool", Map.of("size", 5))))))
                    .at("/proposeChange/id")
                    .asString();
            admin.data(
                    COMMIT_CHANGES,
                    vars("n", t.ns(), "c", List.of(putLayer("staging", Map.of("pool", Map.of("size", 6))))));
            GraphQlClient.Response conflict = t.editor().post(APPLY, vars("n", t.ns(), "id", mine));
            assertThat(conflict.code()).isEqualTo("CONFLICT");
            assertThat(conflict.firstError().get("message").asString()).contains("layer (staging,*,*)");
            assertThat(t.editor().post(APPLY, vars("n", t.ns(), "id", other)).errors())
                    .isEmpty();
            int before = revision(t.ns());
            assertThat(t.editor()
                            .post(APPLY, vars("n", t.ns(), "id", mine, "e", before - 1))
                            .code())
                    .isEqualTo("CONFLICT");
        }
    }
}
