package io.cascade.server.api;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.GraphQlClient.Response;
import io.cascade.testsupport.ServerExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The config API end to end: a real server, the embedded store, GraphQL over HTTP only. */
class ConfigApiIT {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static GraphQlClient graphql;

    static final String CREATE =
            "mutation($n: String!, $d: [String!]) { createNamespace(name: $n, dimensions: $d) { name dimensions revision } }";
    static final String PUT =
            "mutation($n: String!, $s: JSON!, $c: JSON!, $e: Int, $m: String) { putLayer(namespace: $n, selector: $s, content: $c, expectedRevision: $e, message: $m) { namespace revision author message committedAt } }";
    static final String DELETE =
            "mutation($n: String!, $s: JSON!, $e: Int) { deleteLayer(namespace: $n, selector: $s, expectedRevision: $e) { revision } }";
    static final String RESOLVE =
            "query($n: String!, $s: JSON!, $at: Int, $x: Boolean) { resolveConfig(namespace: $n, scope: $s, asOfRevision: $at, explain: $x) { namespace revision scope config sources { path selector } } }";
    static final String SCHEMA =
            "mutation($n: String!, $s: JSON!, $e: Int, $dry: Boolean) { registerSchema(namespace: $n, schema: $s, expectedRevision: $e, dryRun: $dry) { version committed revision valid breaking violations { scope layer path message rule } changes { path kind breaking message } } }";
    static final String LAYERS =
            "query($n: String!, $at: Int) { namespace(name: $n) { revision layers(asOfRevision: $at) { selector content revision } schema { version } } }";

    @BeforeAll
    static void startServer() {
        graphql = SERVER.get().client();
    }

    static String newNamespace() {
        String name = "ns-" + NAMES.incrementAndGet();
        graphql.data(CREATE, vars("n", name));
        return name;
    }

    static int put(String ns, String selector, String content) {
        return graphql.data(PUT, vars("n", ns, "s", json(selector), "c", json(content)))
                .at("/putLayer/revision")
                .asInt();
    }

    static JsonNode resolve(String ns, String scope) {
        return graphql.data(RESOLVE, vars("n", ns, "s", json(scope))).get("resolveConfig");
    }

    static int revision(String ns) {
        return graphql.data(LAYERS, vars("n", ns)).at("/namespace/revision").asInt();
    }

    static String pool() {
        return """
            {"type": "object",
             "properties": {
               "pool": {"type": "object", "x-cascade-overridable": ["environment"],
                        "properties": {"size": {"type": "integer", "minimum": 1}}},
               "name": {"type": "string"},
               "limits": {"type": "object", "properties": {
                   "rps": {"type": "integer", "maximum": 1000}, "burst": {"type": "integer"}}}}}
            """;
    }

    @Nested
    class Resolution {

        @Test
        void tenantLayerOverridesSiteLayer() {
            String ns = newNamespace();
            put(ns, "{}", "{\"pool\": 1, \"name\": \"default\"}");
            put(ns, "{\"environment\": \"prod\", \"site\": \"us-east-1\"}", "{\"pool\": 2}");
            put(ns, "{\"tenant\": \"acme\"}", "{\"pool\": 3}");

            JsonNode resolved =
                    resolve(ns, "{\"environment\": \"prod\", \"site\": \"us-east-1\", \"tenant\": \"acme\"}");

            assertThat(resolved.at("/config/pool").asInt()).isEqualTo(3);
            assertThat(resolved.at("/config/name").asString()).isEqualTo("default");
            assertThat(resolved.get("revision").asInt()).isEqualTo(4);
        }

        @Test
        void explainNamesTheLayerThatSetEveryLeaf() {
            String ns = newNamespace();
            put(ns, "{}", "{\"pool\": {\"size\": 10, \"timeout\": 5}}");
            put(ns, "{\"environment\": \"prod\"}", "{\"pool\": {\"size\": 20}}");

            JsonNode resolved = graphql.data(
                            RESOLVE, vars("n", ns, "s", json("{\"environment\": \"prod\"}"), "x", true))
                    .get("resolveConfig");

            assertThat(resolved.get("sources").toString())
                    .isEqualTo(
                            "[{\"path\":\"/pool/size\",\"selector\":{\"environment\":\"prod\",\"site\":\"*\",\"tenant\":\"*\"}},"
                                    + "{\"path\":\"/pool/timeout\",\"selector\":{\"environment\":\"*\",\"site\":\"*\",\"tenant\":\"*\"}}]");
        }

        @Test
        void sourcesAnswerAliasesFragmentsDirectivesAndTypenameAsSelected() {
            String ns = newNamespace();
            put(ns, "{}", "{\"pool\": {\"size\": 10, \"timeout\": 5}}");
            put(ns, "{\"environment\": \"prod\"}", "{\"pool\": {\"size\": 20}}");
            String query =
                    "query($n: String!, $s: JSON!, $skip: Boolean!) { resolveConfig(namespace: $n, scope: $s, explain: true) {"
                            + " plain: sources { path selector }"
                            + " aliased: sources { p: path where: selector __typename }"
                            + " repeated: sources { path path selector }"
                            + " fragment: sources { ...Leaf }"
                            + " inline: sources { ... on LeafSource { path } selector }"
                            + " skipped: sources { path selector @skip(if: $skip) } } }"
                            + " fragment Leaf on LeafSource { path selector }";

            JsonNode resolved = graphql.data(
                            query, vars("n", ns, "s", json("{\"environment\": \"prod\"}"), "skip", true))
                    .get("resolveConfig");

            String size = "{\"environment\":\"prod\",\"site\":\"*\",\"tenant\":\"*\"}";
            String timeout = "{\"environment\":\"*\",\"site\":\"*\",\"tenant\":\"*\"}";
            String plain = "[{\"path\":\"/pool/size\",\"selector\":" + size + "},"
                    + "{\"path\":\"/pool/timeout\",\"selector\":" + timeout + "}]";
            assertThat(resolved.get("plain").toString()).isEqualTo(plain);
            assertThat(resolved.get("repeated").toString()).isEqualTo(plain);
            assertThat(resolved.get("fragment").toString()).isEqualTo(plain);
            assertThat(resolved.get("inline").toString()).isEqualTo(plain);
            assertThat(resolved.get("aliased").toString())
                    .isEqualTo("[{\"p\":\"/pool/size\",\"where\":" + size + ",\"__typename\":\"LeafSource\"},"
                            + "{\"p\":\"/pool/timeout\",\"where\":" + timeout + ",\"__typename\":\"LeafSource\"}]");
            assertThat(resolved.get("skipped").toString())
                    .isEqualTo("[{\"path\":\"/pool/size\"},{\"path\":\"/pool/timeout\"}]");
        }

        @Test
        void withoutExplainThereAreNoSources() {
            String ns = newNamespace();
            put(ns, "{}", "{\"a\": 1}");

            assertThat(resolve(ns, "{}").get("sources").isNull()).isTrue();
        }

        @Test
        void nullInAMoreSpecificLayerRemovesTheInheritedKey() {
            String ns = newNamespace();
            put(ns, "{}", "{\"feature\": {\"a\": 1, \"b\": 2}}");
            put(ns, "{\"tenant\": \"acme\"}", "{\"feature\": {\"a\": null}}");

            assertThat(resolve(ns, "{\"tenant\": \"acme\"}").at("/config").toString())
                    .isEqualTo("{\"feature\":{\"b\":2}}");
        }

        @Test
        void aMissingScopeDimensionMatchesOnlyWildcards() {
            String ns = newNamespace();
            put(ns, "{}", "{\"v\": 0}");
            put(ns, "{\"environment\": \"prod\"}", "{\"v\": 1}");

            assertThat(resolve(ns, "{\"tenant\": \"acme\"}").at("/config/v").asInt())
                    .isZero();
        }

        @Test
        void aScopeNoLayerMatchesResolvesToAnEmptyConfig() {
            String ns = newNamespace();
            put(ns, "{\"environment\": \"prod\"}", "{\"v\": 1}");

            assertThat(resolve(ns, "{\"environment\": \"dev\"}").get("config").toString())
                    .isEqualTo("{}");
        }

        @Test
        void namespacesWithTheirOwnDimensionsResolveByThem() {
            String ns = "edge-" + NAMES.incrementAndGet();
            graphql.data(CREATE, vars("n", ns, "d", List.of("region", "cluster")));
            put(ns, "{}", "{\"replicas\": 1}");
            put(ns, "{\"cluster\": \"c1\"}", "{\"replicas\": 3}");
            put(ns, "{\"region\": \"eu\"}", "{\"replicas\": 2}");

            assertThat(resolve(ns, "{\"region\": \"eu\", \"cluster\": \"c1\"}")
                            .at("/config/replicas")
                            .asInt())
                    .isEqualTo(3);
            assertThat(resolve(ns, "{\"region\": \"eu\", \"cluster\": \"c2\"}")
                            .at("/config/replicas")
                            .asInt())
                    .isEqualTo(2);
        }

        @Test
        void aScopeNamingAnUnknownDimensionIsRefused() {
            String ns = newNamespace();

            Response response = graphql.post(RESOLVE, vars("n", ns, "s", json("{\"region\": \"eu\"}")));

            assertThat(response.code()).isEqualTo("BAD_USER_INPUT");
            assertThat(response.firstError().get("message").asString()).contains("region");
        }

        @Test
        void anUnknownNamespaceIsNotFound() {
            assertThat(graphql.post(RESOLVE, vars("n", "no-such-namespace", "s", json("{}")))
                            .code())
                    .isEqualTo("NOT_FOUND");
        }
    }

    @Nested
    class Revisions {

        @Test
        void createNamespaceCommitsRevisionOneAndEveryChangeTheNext() {
            String ns = "rev-" + NAMES.incrementAndGet();
            JsonNode created = graphql.data(CREATE, vars("n", ns)).get("createNamespace");

            assertThat(created.get("revision").asInt()).isEqualTo(1);
            assertThat(created.get("dimensions").toString()).isEqualTo("[\"environment\",\"site\",\"tenant\"]");
            assertThat(put(ns, "{}", "{\"a\": 1}")).isEqualTo(2);
            assertThat(graphql.data(DELETE, vars("n", ns, "s", json("{}")))
                            .at("/deleteLayer/revision")
                            .asInt())
                    .isEqualTo(3);
        }

        @Test
        void aCommitCarriesAuthorMessageAndTime() {
            String ns = newNamespace();

            JsonNode commit = graphql.data(PUT, vars("n", ns, "s", json("{}"), "c", json("{}"), "m", "first layer"))
                    .get("putLayer");

            assertThat(commit.get("message").asString()).isEqualTo("first layer");
            assertThat(commit.get("author").asString()).isNotBlank();
            assertThat(commit.get("committedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }

        @Test
        void historyIsNewestFirstAndPagesWithCursors() {
            String ns = newNamespace();
            for (int i = 0; i < 5; i++) {
                put(ns, "{}", "{\"i\": " + i + "}");
            }
            String query = "query($n: String!, $f: Int, $a: String) { history(namespace: $n, first: $f, after: $a) "
                    + "{ edges { cursor node { revision message changes { kind action target } } } pageInfo { hasNextPage endCursor } } }";

            JsonNode first = graphql.data(query, vars("n", ns, "f", 4)).get("history");
            JsonNode second = graphql.data(
                            query,
                            vars(
                                    "n",
                                    ns,
                                    "f",
                                    4,
                                    "a",
                                    first.at("/pageInfo/endCursor").asString()))
                    .get("history");

            assertThat(first.get("edges")
                            .valueStream()
                            .map(e -> e.at("/node/revision").asInt()))
                    .containsExactly(6, 5, 4, 3);
            assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
            assertThat(second.get("edges")
                            .valueStream()
                            .map(e -> e.at("/node/revision").asInt()))
                    .containsExactly(2, 1);
            assertThat(second.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
            assertThat(first.at("/edges/0/node/changes/0/kind").asString()).isEqualTo("layer");
            assertThat(second.at("/edges/1/node/changes/0/kind").asString()).isEqualTo("namespace");
        }

        @Test
        void aBadCursorIsRefused() {
            String ns = newNamespace();
            Response response = graphql.post(
                    "query($n: String!) { history(namespace: $n, after: \"garbage\") { edges { cursor } } }",
                    vars("n", ns));

            assertThat(response.code()).isEqualTo("BAD_USER_INPUT");
        }

        @Test
        void resolvesAsOfAnyPastRevision() {
            String ns = newNamespace();
            put(ns, "{}", "{\"v\": \"one\"}");
            put(ns, "{}", "{\"v\": \"two\"}");

            JsonNode past = graphql.data(RESOLVE, vars("n", ns, "s", json("{}"), "at", 2))
                    .get("resolveConfig");

            assertThat(past.at("/config/v").asString()).isEqualTo("one");
            assertThat(past.get("revision").asInt()).isEqualTo(2);
            assertThat(resolve(ns, "{}").at("/config/v").asString()).isEqualTo("two");
            assertThat(graphql.post(RESOLVE, vars("n", ns, "s", json("{}"), "at", 99))
                            .code())
                    .isEqualTo("NOT_FOUND");
        }

        @Test
        void diffListsChangedPathsWithOldAndNewValues() {
            String ns = newNamespace();
            put(ns, "{}", "{\"a\": 1, \"b\": {\"c\": 2, \"gone\": true}}");
            put(ns, "{\"tenant\": \"acme\"}", "{\"x\": 1}");
            put(ns, "{}", "{\"a\": 5, \"b\": {\"c\": 2, \"new\": [1]}}");
            graphql.data(DELETE, vars("n", ns, "s", json("{\"tenant\": \"acme\"}")));

            JsonNode diff = graphql.data(
                            "query($n: String!) { diff(namespace: $n, fromRevision: 3) { fromRevision toRevision "
                                    + "layers { selector kind changes { path kind oldValue newValue } } } }",
                            vars("n", ns))
                    .get("diff");

            assertThat(diff.get("toRevision").asInt()).isEqualTo(5);
            assertThat(diff.at("/layers/0/kind").asString()).isEqualTo("MODIFIED");
            assertThat(diff.at("/layers/0/changes").toString())
                    .isEqualTo("["
                            + "{\"path\":\"/a\",\"kind\":\"MODIFIED\",\"oldValue\":1,\"newValue\":5},"
                            + "{\"path\":\"/b/gone\",\"kind\":\"REMOVED\",\"oldValue\":true,\"newValue\":null},"
                            + "{\"path\":\"/b/new\",\"kind\":\"ADDED\",\"oldValue\":null,\"newValue\":[1]}]");
            assertThat(diff.at("/layers/1/kind").asString()).isEqualTo("REMOVED");
            assertThat(diff.at("/layers/1/selector/tenant").asString()).isEqualTo("acme");
        }

        @Test
        void restoreCommitsANewRevisionWithTheOldLayers() {
            String ns = newNamespace();
            put(ns, "{}", "{\"v\": 1}");
            put(ns, "{\"tenant\": \"acme\"}", "{\"t\": true}");
            put(ns, "{}", "{\"v\": 2}");

            JsonNode restored = graphql.data(
                            "mutation($n: String!) { restoreRevision(namespace: $n, revision: 2, message: \"back\") "
                                    + "{ revision message } }",
                            vars("n", ns))
                    .get("restoreRevision");

            assertThat(restored.get("revision").asInt()).isEqualTo(5);
            JsonNode layers = graphql.data(LAYERS, vars("n", ns)).at("/namespace/layers");
            assertThat(layers).hasSize(1);
            assertThat(layers.at("/0/content").toString()).isEqualTo("{\"v\":1}");
            assertThat(layers.at("/0/revision").asInt()).isEqualTo(5);
        }

        @Test
        void aStaleExpectedRevisionIsAConflictAndChangesNothing() {
            String ns = newNamespace();
            put(ns, "{}", "{\"v\": 1}");

            Response response = graphql.post(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"v\": 2}"), "e", 1));

            assertThat(response.code()).isEqualTo("CONFLICT");
            assertThat(response.firstError().at("/extensions/currentRevision").asInt())
                    .isEqualTo(2);
            assertThat(revision(ns)).isEqualTo(2);
            assertThat(resolve(ns, "{}").at("/config/v").asInt()).isEqualTo(1);
            assertThat(graphql.data(PUT, vars("n", ns, "s", json("{}"), "c", json("{\"v\": 3}"), "e", 2))
                            .at("/putLayer/revision")
                            .asInt())
                    .isEqualTo(3);
        }

        @Test
        void aNamespaceNameIsTakenOnce() {
            String ns = newNamespace();

            assertThat(graphql.post(CREATE, vars("n", ns)).code()).isEqualTo("CONFLICT");
        }

        @Test
        void badNamesAndSelectorsAreRefusedWithoutACommit() {
            String ns = newNamespace();

            assertThat(graphql.post(CREATE, vars("n", "Bad Name")).code()).isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(CREATE, vars("n", "x", "d", List.of("env", "env")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(PUT, vars("n", ns, "s", json("{\"planet\": \"mars\"}"), "c", json("{}")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(PUT, vars("n", ns, "s", json("{\"tenant\": \"a*b\"}"), "c", json("{}")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(PUT, vars("n", ns, "s", json("{\"tenant\": \"a\\u202eb\"}"), "c", json("{}")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(PUT, vars("n", ns, "s", json("[]"), "c", json("{}")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(PUT, vars("n", ns, "s", json("{}"), "c", json("[1]")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(DELETE, vars("n", ns, "s", json("{\"tenant\": \"nobody\"}")))
                            .code())
                    .isEqualTo("NOT_FOUND");
            assertThat(revision(ns)).isEqualTo(1);
        }
    }

    @Nested
    class Schemas {

        @Test
        void aLayerThatBreaksTheSchemaIsRefusedWithEveryViolation() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));
            put(ns, "{}", "{\"pool\": {\"size\": 4}, \"limits\": {\"rps\": 10}}");

            Response response = graphql.post(
                    PUT,
                    vars(
                            "n",
                            ns,
                            "s",
                            json("{\"tenant\": \"acme\"}"),
                            "c",
                            json("{\"limits\": {\"rps\": 5000}, \"name\": 7}")));

            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            JsonNode violations = response.firstError().at("/extensions/violations");
            assertThat(violations.valueStream().map(v -> v.get("path").asString()))
                    .contains("/limits/rps", "/name");
            assertThat(violations.get(0).at("/scope/tenant").asString()).isEqualTo("acme");
            assertThat(violations.get(0).at("/layer/tenant").asString()).isEqualTo("acme");
            assertThat(revision(ns)).isEqualTo(3);
        }

        @Test
        void nestedObjectsAreValidatedAfterMerging() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json("""
                {"type": "object", "properties": {"db": {"type": "object", "required": ["host", "port"],
                  "properties": {"host": {"type": "string"}, "port": {"type": "integer"}}}}}
                """)));
            put(ns, "{}", "{\"db\": {\"host\": \"h\", \"port\": 1}}");

            Response removesRequired = graphql.post(
                    PUT,
                    vars("n", ns, "s", json("{\"environment\": \"prod\"}"), "c", json("{\"db\": {\"port\": null}}")));
            assertThat(removesRequired.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(removesRequired
                            .firstError()
                            .at("/extensions/violations/0/path")
                            .asString())
                    .isEqualTo("/db");
            assertThat(put(ns, "{\"environment\": \"prod\"}", "{\"db\": {\"port\": 2}}"))
                    .isEqualTo(4);
        }

        @Test
        void anIllegalOverrideNamesTheLayerThePathAndTheRule() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));
            put(ns, "{\"environment\": \"prod\"}", "{\"pool\": {\"size\": 8}}");

            Response response = graphql.post(
                    PUT,
                    vars(
                            "n",
                            ns,
                            "s",
                            json("{\"environment\": \"prod\", \"tenant\": \"acme\"}"),
                            "c",
                            json("{\"pool\": {\"size\": 9}}")));

            assertThat(response.code()).isEqualTo("ILLEGAL_OVERRIDE");
            JsonNode violation = response.firstError().at("/extensions/violations/0");
            assertThat(violation.get("path").asString()).isEqualTo("/pool/size");
            assertThat(violation.get("rule").asString()).isEqualTo("x-cascade-overridable: [environment]");
            assertThat(violation.get("message").asString())
                    .isEqualTo("layer (prod,*,acme) sets /pool/size, overridable only at [environment]");
            assertThat(violation.at("/layer/tenant").asString()).isEqualTo("acme");
        }

        @Test
        void aSchemaThatACurrentScopeFailsIsRefusedAndADryRunReportsEveryViolation() {
            String ns = newNamespace();
            put(ns, "{}", "{\"name\": \"ok\"}");
            put(ns, "{\"tenant\": \"acme\"}", "{\"name\": 1}");
            put(ns, "{\"tenant\": \"globex\"}", "{\"name\": 2}");
            String strict = "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}";

            JsonNode dry = graphql.data(SCHEMA, vars("n", ns, "s", json(strict), "dry", true))
                    .get("registerSchema");
            Response real = graphql.post(SCHEMA, vars("n", ns, "s", json(strict)));

            assertThat(dry.get("committed").asBoolean()).isFalse();
            assertThat(dry.get("valid").asBoolean()).isFalse();
            assertThat(dry.get("violations")
                            .valueStream()
                            .map(v -> v.at("/scope/tenant").asString()))
                    .containsExactlyInAnyOrder("acme", "globex");
            assertThat(real.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(real.firstError().at("/extensions/violations")).hasSize(2);
            assertThat(graphql.data(LAYERS, vars("n", ns))
                            .at("/namespace/schema")
                            .isNull())
                    .isTrue();
            assertThat(revision(ns)).isEqualTo(4);
        }

        @Test
        void aNewSchemaVersionComesWithADiffClassifiedSafeOrBreaking() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));
            String next = """
                {"type": "object", "required": ["region"],
                 "properties": {
                   "pool": {"type": "object", "x-cascade-overridable": ["environment"],
                            "properties": {"size": {"type": "integer", "minimum": 1}}},
                   "name": {"type": ["string", "null"]},
                   "region": {"type": "string", "default": "eu"}}}
                """;

            JsonNode registered =
                    graphql.data(SCHEMA, vars("n", ns, "s", json(next))).get("registerSchema");

            assertThat(registered.get("version").asInt()).isEqualTo(2);
            assertThat(registered.get("breaking").asBoolean()).isTrue();
            assertThat(registered
                            .get("changes")
                            .valueStream()
                            .map(c -> c.get("kind").asString() + " "
                                    + c.get("path").asString()))
                    .contains("PROPERTY_REMOVED /limits", "TYPE_WIDENED /name", "PROPERTY_ADDED /region");
        }

        @Test
        void aDryRunOfALayerReportsWithoutCommitting() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));
            String query =
                    "query($n: String!, $s: JSON!, $c: JSON!) { validateLayer(namespace: $n, selector: $s, content: $c) "
                            + "{ valid violations { path message } } }";

            JsonNode bad = graphql.data(query, vars("n", ns, "s", json("{}"), "c", json("{\"pool\": {\"size\": 0}}")))
                    .get("validateLayer");
            JsonNode good = graphql.data(query, vars("n", ns, "s", json("{}"), "c", json("{\"pool\": {\"size\": 2}}")))
                    .get("validateLayer");

            assertThat(bad.get("valid").asBoolean()).isFalse();
            assertThat(bad.at("/violations/0/path").asString()).isEqualTo("/pool/size");
            assertThat(good.get("valid").asBoolean()).isTrue();
            assertThat(revision(ns)).isEqualTo(2);
        }

        @Test
        void restoredContentMustValidateAgainstTheCurrentSchema() {
            String ns = newNamespace();
            put(ns, "{}", "{\"name\": 1}");
            put(ns, "{}", "{\"name\": \"text\"}");
            graphql.data(
                    SCHEMA,
                    vars(
                            "n",
                            ns,
                            "s",
                            json("{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}")));

            Response response = graphql.post(
                    "mutation($n: String!) { restoreRevision(namespace: $n, revision: 2) { revision } }",
                    vars("n", ns));

            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(revision(ns)).isEqualTo(4);
        }

        @Test
        void anInvalidSchemaIsRefused() {
            String ns = newNamespace();

            assertThat(graphql.post(SCHEMA, vars("n", ns, "s", json("{\"type\": \"banana\"}")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(
                                    SCHEMA,
                                    vars(
                                            "n",
                                            ns,
                                            "s",
                                            json(
                                                    "{\"properties\": {\"a\": {\"x-cascade-overridable\": [\"galaxy\"]}}}")))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(graphql.post(SCHEMA, vars("n", ns, "s", json("[1]"))).code())
                    .isEqualTo("BAD_USER_INPUT");
            assertThat(revision(ns)).isEqualTo(1);
        }

        @Test
        void changingOneTenantValidatesOnlyItsScopes() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));
            for (int i = 0; i < 30; i++) {
                put(ns, "{\"tenant\": \"t" + i + "\"}", "{\"name\": \"t" + i + "\"}");
            }

            Response response =
                    graphql.post(PUT, vars("n", ns, "s", json("{\"tenant\": \"t7\"}"), "c", json("{\"name\": 7}")));

            assertThat(response.firstError()
                            .at("/extensions/violations")
                            .valueStream()
                            .map(v -> v.at("/scope/tenant").asString()))
                    .containsOnly("t7");
        }
    }

    @Nested
    class Bounds {

        @Test
        void anOversizedLayerIsRefusedNamingTheLimit() {
            String ns = newNamespace();
            String big = "{\"blob\": \"" + "x".repeat(300 * 1024) + "\"}";

            Response response = graphql.post(PUT, vars("n", ns, "s", json("{}"), "c", json(big)));

            assertThat(response.code()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(response.firstError().at("/extensions/limit").asString()).isEqualTo("layerBytes");
            assertThat(revision(ns)).isEqualTo(1);
        }

        @Test
        void tooDeeplyNestedContentIsRefused() {
            String ns = newNamespace();
            String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);

            Response response = graphql.post(PUT, vars("n", ns, "s", json("{}"), "c", json(deep)));

            assertThat(response.code()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(revision(ns)).isEqualTo(1);
        }

        /** 11 fields per spread of the {@code page} fragment, 50 spreads: 550, more than 500. */
        @Test
        void fieldsInsideFragmentsCountWhereverTheyAreSpread() {
            StringBuilder aliases = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                aliases.append(" n").append(i).append(": namespaces { ...page }");
            }
            String fragment =
                    " fragment page on NamespaceConnection { edges { cursor node { name revision dimensions createdAt } }"
                            + " pageInfo { hasNextPage endCursor } }";

            Response response = graphql.post("{" + aliases + " }" + fragment);

            assertThat(response.code()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(response.firstError().at("/extensions/limit").asString()).isEqualTo("queryFields");
            assertThat(graphql.post("{ n0: namespaces { ...page } }" + fragment).code())
                    .isNull();
        }

        @Test
        void aQueryDeeperThanTheLimitIsRefusedNamingIt() {
            String deep =
                    "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType"
                            + " { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } }";

            Response response = graphql.post(deep);

            assertThat(response.code()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(response.firstError().at("/extensions/limit").asString()).isEqualTo("queryDepth");
            assertThat(response.firstError().at("/extensions/max").asInt()).isEqualTo(15);
        }

        @Test
        void aBodyOverOneMebibyteIsRefusedWith413() {
            Response response = graphql.postRaw("{\"query\": \"{ namespaces { edges { cursor } } }\", \"pad\": \""
                    + "x".repeat(1024 * 1024) + "\"}");

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.code()).isEqualTo("LIMIT_EXCEEDED");
        }

        @Test
        void aBodyThatIsNotAGraphQlRequestIsABadRequest() {
            for (String body :
                    List.of("not json", "[]", "{}", "{\"query\": 5}", "{\"query\": \"{a}\", \"variables\": [1]}")) {
                Response response = graphql.postRaw(body);
                assertThat(response.status()).as(body).isEqualTo(400);
                assertThat(response.code()).as(body).isEqualTo("BAD_REQUEST");
            }
        }

        @Test
        void requestsThatAreNotValidGraphQlGetConventionalCodes() {
            assertThat(graphql.post("{ resolveConfig(").code()).isEqualTo("GRAPHQL_PARSE_FAILED");
            assertThat(graphql.post("{ nothingHere }").code()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
            assertThat(graphql.post("query($f: Int) { namespaces(first: $f) { edges { cursor } } }", vars("f", "ten"))
                            .code())
                    .isEqualTo("BAD_USER_INPUT");
        }
    }

    @Nested
    class Listing {

        @Test
        void namespacesArePagedByName() {
            newNamespace();
            newNamespace();
            String query =
                    "query($a: String) { namespaces(first: 1, after: $a) { edges { cursor node { name revision } } pageInfo { hasNextPage endCursor } } }";

            JsonNode first = graphql.data(query, vars()).get("namespaces");
            JsonNode second = graphql.data(
                            query, vars("a", first.at("/pageInfo/endCursor").asString()))
                    .get("namespaces");

            assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
            assertThat(second.at("/edges/0/node/name").asString())
                    .isGreaterThan(first.at("/edges/0/node/name").asString());
        }

        @Test
        void aNamespaceShowsItsLayersAndSchemaVersions() {
            String ns = newNamespace();
            graphql.data(SCHEMA, vars("n", ns, "s", json(pool())));
            put(ns, "{\"environment\": \"prod\"}", "{\"pool\": {\"size\": 3}}");
            put(ns, "{}", "{\"name\": \"x\"}");

            JsonNode namespace = graphql.data(
                            "query($n: String!) { namespace(name: $n) { name revision layers { selector revision } "
                                    + "schemaVersions { version revision author } } }",
                            vars("n", ns))
                    .get("namespace");

            assertThat(namespace
                            .get("layers")
                            .valueStream()
                            .map(l -> l.at("/selector/environment").asString()))
                    .containsExactly("*", "prod");
            assertThat(namespace.at("/schemaVersions/0/version").asInt()).isEqualTo(1);
            assertThat(namespace.at("/schemaVersions/0/revision").asInt()).isEqualTo(2);
        }
    }
}
