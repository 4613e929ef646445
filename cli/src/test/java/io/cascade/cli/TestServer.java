package io.cascade.cli;

import io.cascade.server.CascadeServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Cascade server, in-process on a free loopback port, with its own data directory and admin key. */
final class TestServer implements AutoCloseable {

    static final String ADMIN_KEY = "cli-test-admin-key-0123456789abcdef";

    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    private TestServer(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
    }

    static TestServer start(String... extraArguments) {
        try {
            Path dir = Files.createTempDirectory("cascade-cli-it-");
            java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of(
                    "--server.port=0",
                    "--cascade.data-dir=" + dir,
                    "--cascade.bootstrap-admin-key=" + ADMIN_KEY,
                    "--logging.level.root=WARN"));
            arguments.addAll(java.util.List.of(extraArguments));
            return new TestServer(
                    new SpringApplicationBuilder(CascadeServer.class).run(arguments.toArray(String[]::new)), dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A CLI logged in to this server as the platform admin, through the environment. */
    CliRunner cli(Path home) {
        return CliRunner.in(home).withEnv("CASCADE_ENDPOINT", baseUrl()).withEnv("CASCADE_API_KEY", ADMIN_KEY);
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        context.close();
        try (java.util.stream.Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left for the OS's temp cleaning
        }
    }
}
