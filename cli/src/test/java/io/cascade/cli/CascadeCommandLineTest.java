package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.cli.error.Violation;
import io.cascade.cli.text.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI without a server: parsing, help, usage errors, local rule checks and failure rendering. */
class CascadeCommandLineTest {

    @TempDir
    Path home;

    private CliRunner cli() {
        return CliRunner.in(home);
    }

    @Nested
    class Help {

        @Test
        void everyCommandHasHelp() {
            List<String[]> paths = new ArrayList<>();
            collect(new CommandLine(new Cascade(Map.of(), System.in)), new ArrayList<>(), paths);
            assertThat(paths).hasSizeGreaterThan(30);
            for (String[] path : paths) {
                List<String> args = new ArrayList<>(List.of(path));
                args.add("--help");
                CliRunner.Result result = cli().run(args.toArray(String[]::new));
                assertThat(result.exitCode()).as(String.join(" ", args)).isZero();
                assertThat(result.out())
                        .as(String.join(" ", args))
                        .contains("Usage: cascade")
                        .contains("Exit codes:");
            }
        }

        private void collect(CommandLine command, List<String> prefix, List<String[]> out) {
            out.add(prefix.toArray(String[]::new));
            for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
                if (sub.getValue().getCommandName().equals(sub.getKey())
                        && !sub.getKey().equals("help")) {
                    List<String> next = new ArrayList<>(prefix);
                    next.add(sub.getKey());
                    collect(sub.getValue(), next, out);
                }
            }
        }

        @Test
        void theTopLevelHelpListsTheCommandsAndExitCodes() {
            String help = cli().run("--help").ok().out();
            assertThat(help)
                    .contains(
                            "ns",
                            "schema",
                            "layer",
                            "resolve",
                            "history",
                            "diff",
                            "restore",
                            "validate",
                            "keys",
                            "audit",
                            "flags",
                            "segments",
                            "rules",
                            "login",
                            "whoami",
                            "policy",
                            "changes",
                            "export",
                            "apply");
            assertThat(help)
                    .contains("5   server unreachable")
                    .contains("8   approval required")
                    .contains("CASCADE_API_KEY");
        }

        @Test
        void noCommandSaysSoThenPrintsUsageAndExits2() {
            CliRunner.Result result = cli().run().exits(2);
            assertThat(result.err())
                    .startsWith("error: USAGE: a command is missing")
                    .contains("Usage: cascade");
        }

        @Test
        void helpCommandShowsACommandsHelp() {
            assertThat(cli().run("help", "flags").ok().out()).contains("Usage: cascade flags");
            assertThat(cli().run("help", "changes").ok().out()).contains("propose", "approve", "apply");
            assertThat(cli().run("help").ok().out()).contains("Usage: cascade");
        }

        @Test
        void aGroupWithoutSubcommandExits2() {
            assertThat(cli().run("layer").exits(2).err()).contains("get", "put", "patch", "delete");
        }
    }

    @Nested
    class UsageErrors {

        @Test
        void aMissingArgumentExits2() {
            assertThat(cli().run("ns", "create").exits(2).err()).contains("Missing required parameter");
        }

        @Test
        void anUnknownOptionExits2() {
            cli().run("history", "checkout", "--bogus").exits(2);
        }

        @Test
        void anUnknownOutputFormatExits2() {
            assertThat(cli().run("-o", "xml", "ns", "list").exits(2).err()).contains("expected table or json");
        }

        @Test
        void aBadSelectorExits2BeforeAnyRequest() {
            CliRunner.Result result = cli().withEnv("CASCADE_API_KEY", "k")
                    .withEnv("CASCADE_ENDPOINT", "http://127.0.0.1:9")
                    .run("layer", "get", "checkout", "--selector", "environment");
            result.exits(2);
            assertThat(result.err()).startsWith("error: USAGE: bad selector 'environment'");
        }

        @Test
        void anUnreadableFileExits2() {
            CliRunner.Result result = cli().withEnv("CASCADE_API_KEY", "k")
                    .withEnv("CASCADE_ENDPOINT", "http://127.0.0.1:9")
                    .run(
                            "layer",
                            "put",
                            "checkout",
                            "--selector",
                            "defaults",
                            home.resolve("missing.json").toString());
            result.exits(2);
            assertThat(result.err()).contains("error: USAGE: cannot read").contains("no such file");
        }

        @Test
        void aBadTimeExits2() {
            cli().withEnv("CASCADE_API_KEY", "k")
                    .run("audit", "list", "checkout", "--since", "yesterday")
                    .exits(2);
        }
    }

    @Nested
    class Connections {

        @Test
        void withoutAKeyTheCommandExits4() {
            CliRunner.Result result = cli().run("ns", "list").exits(4);
            assertThat(result.err()).startsWith("error: NOT_LOGGED_IN: ").contains("cascade login");
        }

        @Test
        void anUnreachableServerExits5() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            CliRunner.Result result = cli().run("--endpoint", "http://127.0.0.1:" + port, "--key", "k", "ns", "list")
                    .exits(5);
            assertThat(result.err()).startsWith("error: UNREACHABLE: cannot reach http://127.0.0.1:" + port);
            assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }

        @Test
        void optionsOverrideTheEnvironmentWhichOverridesTheLogin() throws IOException {
            Files.createDirectories(home.resolve("cascade"));
            Files.writeString(
                    home.resolve("cascade/config.json"), "{\"endpoint\":\"http://stored:1\",\"key\":\"stored\"}");
            Cascade cascade = new Cascade(
                    Map.of(
                            "CASCADE_CONFIG",
                            home.resolve("cascade/config.json").toString(),
                            "CASCADE_ENDPOINT",
                            "http://env:2"),
                    System.in);
            new CommandLine(cascade).parseArgs("--key", "option", "ns", "list");
            assertThat(cascade.connection().endpoint()).isEqualTo("http://env:2");
            assertThat(cascade.connection().key()).isEqualTo("option");
        }
    }

    @Nested
    class RuleChecks {

        @Test
        void aValidRuleExits0() {
            assertThat(cli().run("rules", "check", "country in [\"US\", \"CA\"] and plan == \"enterprise\"")
                            .ok()
                            .out())
                    .contains("ok");
        }

        @Test
        void anInvalidRuleExits1WithLineColumnAndCaret() {
            CliRunner.Result result =
                    cli().run("rules", "check", "country in [\"US\"").exits(1);
            assertThat(result.err())
                    .contains("error: DSL_SYNTAX_ERROR: 1:")
                    .contains(" | country in [\"US\"")
                    .contains("^");
        }

        @Test
        void aRuleCanComeFromAFile() throws IOException {
            Path file = Files.writeString(home.resolve("rule.txt"), "appVersion >= 42\n");
            cli().run("rules", "check", "--file", file.toString()).ok();
        }

        @Test
        void aRuleCanComeFromStandardInput() {
            cli().withStdin("plan == \"pro\"")
                    .run("rules", "check", "--file", "-")
                    .ok();
        }

        @Test
        void jsonOutputCarriesTheDiagnostics() {
            CliRunner.Result result = cli().run("-o", "json", "rules", "check", "appVersion >= \"42\"")
                    .exits(1);
            assertThat(result.json().path("valid").asBoolean()).isFalse();
            assertThat(result.json().at("/diagnostics/0/line").asInt()).isEqualTo(1);
            assertThat(result.json().at("/diagnostics/0/rendered").asString()).contains("^");
        }

        @Test
        void bothAnExpressionAndAFileIsAUsageError() {
            cli().run("rules", "check", "a == 1", "--file", "x").exits(2);
        }
    }

    @Nested
    class Rendering {

        @Test
        void aViolationNamesScopeLayerPathMessageAndRule() {
            Violation violation = new Violation(
                    Map.of("tenant", "acme"),
                    orderedSelector(),
                    "/pool/size",
                    "overridable only at [environment]",
                    "overridable at [environment]");
            assertThat(CommandSupport.violationLine(violation))
                    .isEqualTo(
                            "  scope tenant=acme layer (*,*,acme) /pool/size: overridable only at [environment] [overridable at [environment]]");
        }

        @Test
        void violationsThatDifferOnlyInScopeShareALine() {
            Map<String, String> defaults = Map.of();
            List<String> lines = CommandSupport.violationLines(List.of(
                    new Violation(Map.of("environment", "prod"), null, "/name", "required property missing", null),
                    new Violation(Map.of("environment", "dev"), null, "/name", "required property missing", null),
                    new Violation(defaults, null, "/pool/size", "must be >= 1", null)));
            assertThat(lines)
                    .containsExactly(
                            "  in 2 scopes: environment=prod; environment=dev /name: required property missing",
                            "  scope * /pool/size: must be >= 1");
        }

        @Test
        void theTargetsOfARestoreReadLikeOtherRows() {
            var targets = Json.MAPPER.readTree("[{\"selector\": {\"environment\": \"prod\", \"site\": \"*\","
                    + " \"tenant\": \"*\"}}, {\"flag\": \"new-checkout\"}]");
            assertThat(AuditCommand.target(targets)).isEqualTo("2 changes: (prod,*,*), flag=new-checkout");
        }

        @Test
        void aViolationWithoutLayerOrRuleIsShorter() {
            Violation violation = new Violation(Map.of(), null, "/pool/size", "must be >= 1", null);
            assertThat(CommandSupport.violationLine(violation)).isEqualTo("  scope * /pool/size: must be >= 1");
        }

        @Test
        void flagTargetingReplacesOneEnvironmentOnly() {
            var document = Json.MAPPER.readTree(
                    "{\"key\":\"f\",\"environments\":{\"prod\":{\"enabled\":false}," + "\"dev\":{\"enabled\":true}}}");
            var targeting = Json.MAPPER.readTree("{\"enabled\":true,\"fallthrough\":{\"serve\":\"on\"}}");
            var updated = FlagCommand.withTargeting(document, "prod", targeting);
            assertThat(updated.at("/environments/prod")).isEqualTo(targeting);
            assertThat(updated.at("/environments/dev/enabled").asBoolean()).isTrue();
            assertThat(document.at("/environments/prod/enabled").asBoolean()).isFalse();
        }

        private Map<String, String> orderedSelector() {
            Map<String, String> selector = new java.util.LinkedHashMap<>();
            selector.put("environment", "*");
            selector.put("site", "*");
            selector.put("tenant", "acme");
            return selector;
        }
    }
}
