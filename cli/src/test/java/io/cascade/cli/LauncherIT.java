package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cascade} as a user runs it: a separate process on the shaded jar. The build step is
 * skipped ({@code CASCADE_CLI_SKIP_BUILD}): the jar was just packaged, and a nested Maven run would
 * race the one running these tests.
 */
class LauncherIT {

    private static final Path ROOT =
            Path.of(System.getProperty("cascade.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path home;

    record Run(int exitCode, String out, String err) {}

    private Run launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/cascade").toString());
        command.addAll(List.of(args));
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("CASCADE_CLI_SKIP_BUILD", "1");
        builder.environment().put("CASCADE_CONFIG", home.resolve("config.json").toString());
        builder.environment().remove("CASCADE_API_KEY");
        builder.environment().remove("CASCADE_ENDPOINT");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("bin/cascade finished")
                .isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theJarWasBuilt() {
        assertThat(ROOT.resolve("cli/target/cascade-cli.jar")).isRegularFile();
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run run = launch("--help");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Usage: cascade")
                .contains("resolve")
                .contains("rules")
                .contains("Exit codes:");
    }

    @Test
    void aValidRuleExits0() throws Exception {
        Run run =
                launch("rules", "check", "country in [\"US\", \"CA\"] and plan == \"enterprise\" and appVersion >= 42");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void anInvalidRuleExits1WithLineColumnAndCaret() throws Exception {
        Run run = launch("rules", "check", "country in [\"US\", \"CA\"] and");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("error: DSL_SYNTAX_ERROR: 1:")
                .contains(" | country in")
                .contains("^");
    }

    @Test
    void noLoginExits4() throws Exception {
        Run run = launch("ns", "list");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("error: NOT_LOGGED_IN");
    }
}
