package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.cli.CliRunner.Result;
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

/** Flags, segments and server-side rule checks through the CLI against a real SERVER.get(). */
class FlagCommandsIT {

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
    void namespaceWithAFlag() {
        cli = CliRunner.against(SERVER.get(), home);
        ns = "flags-" + NAMES.incrementAndGet();
        cli.run("ns", "create", ns).ok();
        cli.run("segments", "put", ns, file("beta-tenants.yaml")).ok();
        cli.run("flags", "create", ns, file("new-checkout.json"), "-m", "first flag")
                .ok();
    }

    static String file(String name) {
        try {
            return Path.of(FlagCommandsIT.class.getResource("/flags/" + name).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Attributes {

        @Test
        void declaredAttributesAreShownAndTypeCheckTheRules() {
            assertThat(cli.run("attributes", "show", ns).ok().out()).contains("No attributes declared");

            Result tooFew = cli.withStdin("{\"country\": \"string\"}")
                    .run("attributes", "put", ns, "-")
                    .exits(1);
            assertThat(tooFew.err()).contains("DSL_SYNTAX_ERROR").contains("tenant");

            cli.withStdin("{\"country\": \"string\", \"tenant\": \"string\", \"plan\": \"string\"}")
                    .run("attributes", "put", ns, "-", "-m", "declare")
                    .ok();

            assertThat(cli.run("attributes", "show", ns).ok().out())
                    .startsWith("ATTRIBUTE")
                    .contains("tenant")
                    .contains("string");
            assertThat(cli.run("-o", "json", "attributes", "show", ns)
                            .ok()
                            .json()
                            .path("plan")
                            .asString())
                    .isEqualTo("string");
        }
    }

    @Nested
    class Flags {

        @Test
        void createCommitsARevision() {
            JsonNode commit = cli.run("-o", "json", "flags", "create", ns, file("new-checkout.json"))
                    .ok()
                    .json();
            assertThat(commit.path("revision").asInt()).isEqualTo(4);
        }

        @Test
        void listShowsEachFlagWithItsEnvironments() {
            String out = cli.run("flags", "list", ns).ok().out();
            assertThat(out)
                    .startsWith("KEY")
                    .contains("new-checkout")
                    .contains("boolean")
                    .contains("prod:on");
            JsonNode json = cli.run("-o", "json", "flags", "list", ns).ok().json();
            assertThat(json.get(0).path("key").asString()).isEqualTo("new-checkout");
        }

        @Test
        void getPrintsTheDocument() {
            JsonNode document = cli.run("flags", "get", ns, "new-checkout").ok().json();
            assertThat(document.at("/environments/prod/rules/0/id").asString()).isEqualTo("beta");
        }

        @Test
        void anUnknownFlagIsNotFound() {
            cli.run("flags", "get", ns, "nope").exits(6);
        }

        @Test
        void targetingReplacesOneEnvironment() {
            cli.run("flags", "targeting", ns, "new-checkout", "--env", "staging", file("staging-targeting.yaml"))
                    .ok();
            JsonNode document = cli.run("flags", "get", ns, "new-checkout").ok().json();
            assertThat(document.at("/environments/staging/fallthrough/serve").asString())
                    .isEqualTo("on");
            assertThat(document.at("/environments/prod/rules/0/id").asString()).isEqualTo("beta");
        }

        @Test
        void targetingWithAStaleRevisionIsAConflict() {
            cli.run(
                            "flags",
                            "targeting",
                            ns,
                            "new-checkout",
                            "--env",
                            "staging",
                            file("staging-targeting.yaml"),
                            "--expected-revision",
                            "2")
                    .exits(3);
        }

        @Test
        void aRuleThatDoesNotCompileIsRefusedWithExit1() {
            CliRunner.Result result =
                    cli.run("flags", "create", ns, file("broken-rule.json")).exits(1);
            assertThat(result.err()).startsWith("error: ");
        }

        @Test
        void archivedFlagsAreListedOnlyOnRequest() {
            cli.run("flags", "archive", ns, "new-checkout").ok();
            assertThat(cli.run("flags", "list", ns).ok().out()).doesNotContain("new-checkout");
            assertThat(cli.run("flags", "list", ns, "--archived").ok().out()).contains("new-checkout");
            cli.run("flags", "archive", ns, "new-checkout", "--undo").ok();
            assertThat(cli.run("flags", "list", ns).ok().out()).contains("new-checkout");
        }
    }

    @Nested
    class Evaluation {

        @Test
        void anIndividualTargetMatches() {
            String out = cli.run(
                            "flags",
                            "eval",
                            ns,
                            "new-checkout",
                            "--env",
                            "prod",
                            "--context",
                            "{\"targetingKey\":\"user-1\",\"country\":\"FR\"}")
                    .ok()
                    .out();
            assertThat(out).contains("value").contains("true").contains("TARGETING_MATCH");
        }

        @Test
        void aSegmentRuleMatchesFromAContextFile() {
            JsonNode result = cli.run(
                            "-o",
                            "json",
                            "flags",
                            "eval",
                            ns,
                            "new-checkout",
                            "--env",
                            "prod",
                            "--context-file",
                            file("acme-context.json"))
                    .ok()
                    .json();
            assertThat(result.path("reason").asString()).isEqualTo("TARGETING_MATCH");
            assertThat(result.path("ruleId").asString()).isEqualTo("beta");
            assertThat(result.path("value").asBoolean()).isTrue();
        }

        @Test
        void theFallthroughServesEveryoneElse() {
            JsonNode result = cli.run(
                            "-o",
                            "json",
                            "flags",
                            "eval",
                            ns,
                            "new-checkout",
                            "--env",
                            "prod",
                            "--context",
                            "{\"targetingKey\":\"u-7\",\"country\":\"FR\"}")
                    .ok()
                    .json();
            assertThat(result.path("reason").asString()).isEqualTo("DEFAULT");
            assertThat(result.path("variation").asString()).isEqualTo("off");
        }

        @Test
        void anUnknownFlagOrEnvironmentExitsNotFound() {
            CliRunner.Result unknown = cli.run(
                            "flags",
                            "eval",
                            ns,
                            "no-such-flag",
                            "--env",
                            "prod",
                            "--context",
                            "{\"targetingKey\":\"u\"}")
                    .exits(6);
            assertThat(unknown.err()).contains("FLAG_NOT_FOUND");
            assertThat(unknown.out()).contains("FLAG_NOT_FOUND");
            assertThat(cli.run(
                                    "-o",
                                    "json",
                                    "flags",
                                    "eval",
                                    ns,
                                    "new-checkout",
                                    "--env",
                                    "mars",
                                    "--context",
                                    "{\"targetingKey\":\"u\"}")
                            .exits(6)
                            .json()
                            .path("errorCode")
                            .asString())
                    .isEqualTo("FLAG_NOT_FOUND");
        }

        @Test
        void aContextIsRequired() {
            cli.run("flags", "eval", ns, "new-checkout", "--env", "prod").exits(2);
        }
    }

    @Nested
    class Segments {

        @Test
        void listShowsSizesAndCondition() {
            String out = cli.run("segments", "list", ns).ok().out();
            assertThat(out).contains("beta-tenants").contains("plan == \"enterprise\"");
        }

        @Test
        void getPrintsTheDocument() {
            JsonNode document =
                    cli.run("segments", "get", ns, "beta-tenants").ok().json();
            assertThat(document.path("included")).hasSize(2);
        }
    }

    @Nested
    class ServerRuleChecks {

        @Test
        void aValidRuleExits0() {
            cli.run("rules", "check", "--namespace", ns, "tenant in segment(\"beta-tenants\")")
                    .ok();
        }

        @Test
        void anInvalidRuleExits1WithACaret() {
            CliRunner.Result result =
                    cli.run("rules", "check", "--namespace", ns, "country == ").exits(1);
            assertThat(result.err()).contains("error: DSL_SYNTAX_ERROR: 1:").contains("^");
        }
    }
}
