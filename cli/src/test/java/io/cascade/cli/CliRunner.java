package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.cli.text.Json;
import io.cascade.testsupport.TestServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** Runs the CLI in-process, as {@code main} would, with a private environment and captured output. */
final class CliRunner {

    private final Map<String, String> env;
    private final String stdin;

    private CliRunner(Map<String, String> env, String stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    /** A CLI logged in to {@code server} as the platform admin, through the environment. */
    static CliRunner against(TestServer server, Path home) {
        return in(home).withEnv("CASCADE_ENDPOINT", server.baseUrl()).withEnv("CASCADE_API_KEY", TestServer.ADMIN_KEY);
    }

    /** A CLI whose login file lives under {@code home}, with no endpoint or key in the environment. */
    static CliRunner in(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("CASCADE_CONFIG", home.resolve("cascade/config.json").toString());
        return new CliRunner(env, "");
    }

    CliRunner withEnv(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new CliRunner(copy, stdin);
    }

    CliRunner withStdin(String text) {
        return new CliRunner(env, text);
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                new CommandLine(new Cascade(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** What a run printed and how it ended. */
    record Result(int exitCode, String out, String err) {

        JsonNode json() {
            return Json.MAPPER.readTree(out);
        }

        /** Asserts exit 0 and returns this, showing stderr if not. */
        Result ok() {
            assertThat(exitCode)
                    .as("exit code; stderr:%n%s%nstdout:%n%s", err, out)
                    .isZero();
            return this;
        }

        Result exits(int expected) {
            assertThat(exitCode)
                    .as("exit code; stderr:%n%s%nstdout:%n%s", err, out)
                    .isEqualTo(expected);
            return this;
        }
    }
}
