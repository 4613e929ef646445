package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.ServerExtension;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README tour through the CLI against a real server: namespaces, schemas, layers, resolution,
 * history, diffs, restores and dry runs, with the failures scripts rely on (exit codes 1, 2, 3, 6).
 */
class TourIT {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @TempDir
    Path home;

    private CliRunner cli;
    private String ns;

    @BeforeAll
    static void startServer() {}

    @BeforeEach
    void freshNamespace() {
        cli = CliRunner.against(SERVER.get(), home);
        ns = "tour-" + NAMES.incrementAndGet();
    }

    static String file(String name) {
        try {
            return Path.of(TourIT.class.getResource("/tour/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tour up to the three layers: revisions 1 (create) to 5 (acme). */
    private void setUpTour() {
        cli.run("ns", "create", ns, "-m", "the tour").ok();
        cli.run("schema", "push", ns, file("schema.json")).ok();
        cli.run("layer", "put", ns, "--selector", "defaults", file("defaults.json"))
                .ok();
        cli.run("layer", "put", ns, "--selector", "env=prod", file("prod.yaml")).ok();
        cli.run("layer", "put", ns, "--selector", "{\"tenant\":\"acme\"}", file("acme.json"))
                .ok();
    }

    @Nested
    class Namespaces {

        @Test
        void createPrintsTheDimensionsAndRevision1() {
            assertThat(cli.run("ns", "create", ns).ok().out())
                    .contains("Created namespace " + ns + " with dimensions environment, site, tenant: revision 1.");
        }

        @Test
        void customDimensionsAreKept() {
            cli.run("ns", "create", ns, "--dimensions", "region,customer").ok();
            assertThat(cli.run("-o", "json", "ns", "show", ns).ok().json().path("dimensions"))
                    .extracting(JsonNode::asString)
                    .containsExactly("region", "customer");
        }

        @Test
        void aTakenNameIsAConflict() {
            cli.run("ns", "create", ns).ok();
            assertThat(cli.run("ns", "create", ns).exits(3).err()).startsWith("error: CONFLICT: ");
        }

        @Test
        void listShowsEveryNamespaceAsATableOrJson() {
            cli.run("ns", "create", ns).ok();
            assertThat(cli.run("ns", "list").ok().out()).startsWith("NAME").contains(ns);
            JsonNode list = cli.run("ns", "list", "-o", "json").ok().json();
            assertThat(list.isArray()).isTrue();
            assertThat(list.findValuesAsString("name")).contains(ns);
        }

        @Test
        void showListsLayersAndSchemaVersions() {
            setUpTour();
            String out = cli.run("ns", "show", ns).ok().out();
            assertThat(out).contains("revision    5").contains("schema      version 1 (revision 2)");
            assertThat(out).contains("(*,*,*)").contains("(prod,*,*)").contains("(*,*,acme)");
        }

        @Test
        void anUnknownNamespaceIsNotFound() {
            assertThat(cli.run("ns", "show", ns).exits(6).err()).startsWith("error: NOT_FOUND: ");
        }
    }

    @Nested
    class Schemas {

        @Test
        void pushPrintsTheVersionAndCommit() {
            cli.run("ns", "create", ns).ok();
            assertThat(cli.run("schema", "push", ns, file("schema.json")).ok().out())
                    .contains("Registered schema version 1 of " + ns + ": committed revision 2.");
        }

        @Test
        void aSecondVersionComesWithItsClassifiedChanges() {
            setUpTour();
            String out =
                    cli.run("schema", "push", ns, file("schema-v2.yaml")).ok().out();
            assertThat(out)
                    .contains("Registered schema version 2")
                    .contains("BREAKING")
                    .contains("/banner")
                    .contains("safe")
                    .contains("/pool/timeout");
        }

        @Test
        void aDryRunCommitsNothing() {
            setUpTour();
            assertThat(cli.run("schema", "push", ns, file("schema-v2.yaml"), "--dry-run")
                            .ok()
                            .out())
                    .contains("Dry run: this would be schema version 2");
            assertThat(cli.run("-o", "json", "ns", "show", ns)
                            .ok()
                            .json()
                            .path("revision")
                            .asInt())
                    .isEqualTo(5);
        }

        @Test
        void aSchemaThatACurrentScopeFailsIsRefusedWithItsViolations() {
            setUpTour();
            CliRunner.Result result = cli.run("schema", "diff", ns, file("schema-too-strict.json"))
                    .exits(1);
            assertThat(result.err())
                    .contains("error: VALIDATION_FAILED: ")
                    .contains("environment=prod")
                    .contains("/pool/size");
        }

        @Test
        void showPrintsTheSchemaDocument() {
            setUpTour();
            JsonNode schema = cli.run("schema", "show", ns).ok().json();
            assertThat(schema.at("/properties/pool/x-cascade-overridable/0").asString())
                    .isEqualTo("environment");
            assertThat(cli.run("-o", "json", "schema", "show", ns, "--version", "1")
                            .ok()
                            .json()
                            .path("version")
                            .asInt())
                    .isEqualTo(1);
            cli.run("schema", "show", ns, "--version", "9").exits(6);
        }

        @Test
        void aSchemaFromStandardInputIsRead() {
            cli.run("ns", "create", ns).ok();
            cli.withStdin("type: object\n").run("schema", "push", ns, "-").ok();
        }
    }

    @Nested
    class Resolution {

        @Test
        void resolvePrintsTheMergedConfig() {
            setUpTour();
            JsonNode config = cli.run("resolve", ns, "--scope", "env=prod,site=us-east-1,tenant=acme")
                    .ok()
                    .json();
            assertThat(config.at("/pool/size").asInt()).isEqualTo(50);
            assertThat(config.at("/banner").asString()).isEqualTo("Hello, Acme");
        }

        @Test
        void explainNamesTheLayerOfEveryLeaf() {
            setUpTour();
            String out = cli.run("resolve", ns, "--scope", "environment=prod,site=us-east-1,tenant=acme", "--explain")
                    .ok()
                    .out();
            assertThat(out).contains("at revision 5");
            assertThat(out.lines()).anyMatch(line -> line.matches("/pool/size\\s+50\\s+\\(prod,\\*,\\*\\)"));
            assertThat(out.lines()).anyMatch(line -> line.matches("/banner\\s+\"Hello, Acme\"\\s+\\(\\*,\\*,acme\\)"));
        }

        @Test
        void jsonOutputCarriesRevisionAndSources() {
            setUpTour();
            JsonNode resolved = cli.run("-o", "json", "resolve", ns, "--scope", "env=prod", "--explain")
                    .ok()
                    .json();
            assertThat(resolved.path("revision").asInt()).isEqualTo(5);
            assertThat(resolved.path("sources").isArray()).isTrue();
        }

        @Test
        void anOldRevisionCanBeResolved() {
            setUpTour();
            JsonNode config = cli.run("resolve", ns, "--scope", "env=prod", "--at", "3")
                    .ok()
                    .json();
            assertThat(config.at("/pool/size").asInt()).isEqualTo(10);
        }

        @Test
        void aDimensionTheNamespaceLacksIsBadUserInput() {
            setUpTour();
            assertThat(cli.run("resolve", ns, "--scope", "region=eu").exits(2).err())
                    .startsWith("error: BAD_USER_INPUT: ");
        }
    }

    @Nested
    class Layers {

        @Test
        void getPrintsTheContent() {
            setUpTour();
            assertThat(cli.run("layer", "get", ns, "--selector", "env=prod")
                            .ok()
                            .json()
                            .at("/pool/size")
                            .asInt())
                    .isEqualTo(50);
            assertThat(cli.run("-o", "json", "layer", "get", ns, "--selector", "env=prod")
                            .ok()
                            .json()
                            .path("revision")
                            .asInt())
                    .isEqualTo(4);
        }

        @Test
        void aMissingLayerIsNotFound() {
            setUpTour();
            cli.run("layer", "get", ns, "--selector", "tenant=globex").exits(6);
        }

        @Test
        void patchMergesIntoTheLayer() {
            setUpTour();
            cli.withStdin("{\"banner\": null, \"pool\": {\"size\": 12}}")
                    .run("layer", "patch", ns, "--selector", "defaults", "-")
                    .ok();
            JsonNode content =
                    cli.run("layer", "get", ns, "--selector", "defaults").ok().json();
            assertThat(content.at("/pool/size").asInt()).isEqualTo(12);
            assertThat(content.has("banner")).isFalse();
        }

        @Test
        void deleteRemovesTheLayer() {
            setUpTour();
            assertThat(cli.run("layer", "delete", ns, "--selector", "tenant=acme", "-m", "bye")
                            .ok()
                            .out())
                    .contains("committed revision 6");
            cli.run("layer", "get", ns, "--selector", "tenant=acme").exits(6);
        }

        @Test
        void writesPrintTheCommitAsJsonForScripts() {
            setUpTour();
            JsonNode commit = cli.run(
                            "-o", "json", "layer", "put", ns, "--selector", "site=eu-west-1", file("acme.json"))
                    .ok()
                    .json();
            assertThat(commit.path("revision").asInt()).isEqualTo(6);
            assertThat(commit.path("namespace").asString()).isEqualTo(ns);
        }
    }

    @Nested
    class Conflicts {

        @Test
        void aStaleExpectedRevisionExits3AndChangesNothing() {
            setUpTour();
            CliRunner.Result result = cli.run(
                            "layer",
                            "put",
                            ns,
                            "--selector",
                            "defaults",
                            file("defaults.json"),
                            "--expected-revision",
                            "4")
                    .exits(3);
            assertThat(result.err()).startsWith("error: CONFLICT: ");
            assertThat(cli.run("-o", "json", "ns", "show", ns)
                            .ok()
                            .json()
                            .path("revision")
                            .asInt())
                    .isEqualTo(5);
        }

        @Test
        void theCurrentExpectedRevisionSucceeds() {
            setUpTour();
            cli.run("layer", "put", ns, "--selector", "defaults", file("defaults.json"), "--expected-revision", "5")
                    .ok();
        }

        @Test
        void patchingAtAnOldRevisionIsAConflict() {
            setUpTour();
            cli.withStdin("{\"banner\": \"x\"}")
                    .run("layer", "patch", ns, "--selector", "defaults", "-", "--expected-revision", "3")
                    .exits(3);
        }

        @Test
        void restoreAndDeleteHonourTheExpectedRevision() {
            setUpTour();
            cli.run("restore", ns, "3", "--expected-revision", "2").exits(3);
            cli.run("layer", "delete", ns, "--selector", "defaults", "--expected-revision", "1")
                    .exits(3);
            cli.run("schema", "push", ns, file("schema.json"), "--expected-revision", "1")
                    .exits(3);
        }
    }

    @Nested
    class Validation {

        @Test
        void anIllegalOverrideExits1WithTheViolation() {
            setUpTour();
            CliRunner.Result result = cli.run(
                            "layer", "put", ns, "--selector", "tenant=acme", file("acme-illegal.json"))
                    .exits(1);
            assertThat(result.err()).startsWith("error: ILLEGAL_OVERRIDE: ");
            assertThat(result.err().lines())
                    .anyMatch(line -> line.startsWith("  scope ")
                            && line.contains("layer (*,*,acme)")
                            && line.contains("/pool/size")
                            && line.contains("["));
            assertThat(result.err()).doesNotContain("\tat ");
        }

        @Test
        void aValueTheSchemaForbidsExits1WithTheScope() {
            setUpTour();
            CliRunner.Result result = cli.run("layer", "put", ns, "--selector", "defaults", file("size-zero.json"))
                    .exits(1);
            assertThat(result.err())
                    .startsWith("error: VALIDATION_FAILED: ")
                    .contains("  in 2 scopes: tenant=acme; * layer (*,*,*)")
                    .contains("/pool/size");
        }

        @Test
        void validateReportsAValidChangeAndCommitsNothing() {
            setUpTour();
            assertThat(cli.run("validate", ns, "--selector", "env=staging", file("prod.yaml"))
                            .ok()
                            .out())
                    .startsWith("Valid");
            assertThat(cli.run("-o", "json", "ns", "show", ns)
                            .ok()
                            .json()
                            .path("revision")
                            .asInt())
                    .isEqualTo(5);
        }

        @Test
        void validateExits1WithEveryViolation() {
            setUpTour();
            CliRunner.Result result = cli.run("validate", ns, "--selector", "tenant=acme", file("acme-illegal.json"))
                    .exits(1);
            assertThat(result.err()).contains("/pool/size");
            JsonNode report = cli.run(
                            "-o", "json", "validate", ns, "--selector", "tenant=acme", file("acme-illegal.json"))
                    .exits(1)
                    .json();
            assertThat(report.path("valid").asBoolean()).isFalse();
            assertThat(report.path("violations").size()).isPositive();
        }
    }

    @Nested
    class LookingBack {

        @Test
        void historyListsRevisionsNewestFirst() {
            setUpTour();
            String out = cli.run("history", ns).ok().out();
            assertThat(out).startsWith("REVISION");
            assertThat(out.lines().skip(1).map(line -> line.split("\\s+")[0]).toList())
                    .containsExactly("5", "4", "3", "2", "1");
            JsonNode json =
                    cli.run("history", ns, "--limit", "2", "-o", "json").ok().json();
            assertThat(json.findValuesAsString("message")).isNotNull();
            assertThat(json).hasSize(2);
            assertThat(json.get(0).path("revision").asInt()).isEqualTo(5);
        }

        @Test
        void historyPagesPastOneHundred() {
            cli.run("ns", "create", ns).ok();
            assertThat(cli.run("-o", "json", "history", ns, "--limit", "150")
                            .ok()
                            .json())
                    .hasSize(1);
        }

        @Test
        void diffShowsTheLayersThatChanged() {
            setUpTour();
            String out = cli.run("diff", ns, "3").ok().out();
            assertThat(out)
                    .contains("revision 3 -> 5")
                    .contains("+ layer (prod,*,*)")
                    .contains("+ /pool: {\"size\":50}")
                    .contains("+ layer (*,*,acme)");
            JsonNode json = cli.run("-o", "json", "diff", ns, "3", "4").ok().json();
            assertThat(json.path("toRevision").asInt()).isEqualTo(4);
            assertThat(json.path("layers")).hasSize(1);
        }

        @Test
        void restoreBringsBackAnOldRevisionAsANewOne() {
            setUpTour();
            assertThat(cli.run("restore", ns, "3", "-m", "back to defaults only")
                            .ok()
                            .out())
                    .contains("Restored revision 3: committed revision 6 of " + ns);
            JsonNode config = cli.run("resolve", ns, "--scope", "env=prod,tenant=acme")
                    .ok()
                    .json();
            assertThat(config.at("/pool/size").asInt()).isEqualTo(10);
            assertThat(config.at("/banner").asString()).isEqualTo("Welcome");
        }

        @Test
        void restoringARevisionAfterTheLatestIsBadUserInput() {
            setUpTour();
            assertThat(cli.run("restore", ns, "99").exits(2).err()).startsWith("error: BAD_USER_INPUT: ");
        }
    }
}
