package io.cascade.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Cascade server in its own JVM, run from the packaged jar as an operator runs it ({@code
 * java -jar}), on a free loopback port: for tests that kill a process ({@code kill -9}), restart it
 * on the same data directory, or run several processes against one store.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server on {@code dataDir} with the test admin key and waits until it is ready. */
    public static ServerProcess start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Starts a server with extra environment variables ({@code CASCADE_MONGODB_URI}, ...). */
    public static ServerProcess start(Path dataDir, Map<String, String> environment) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CASCADE_DATA_DIR", dataDir.toString());
        env.put("CASCADE_BOOTSTRAP_ADMIN_KEY", TestServer.ADMIN_KEY);
        env.putAll(environment);
        return launch(serverJar(), env);
    }

    /**
     * Starts a standalone subscription gateway reading from {@code serverUrls} (comma-separated)
     * with the test admin key; {@code environment} adds {@code CASCADE_REDIS_URI} and the like.
     */
    public static ServerProcess startGateway(String serverUrls, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CASCADE_SERVER_URL", serverUrls);
        env.put("CASCADE_GATEWAY_KEY", TestServer.ADMIN_KEY);
        env.putAll(environment);
        return launch(
                jar("cascade.gateway-jar", "subscription-gateway/target/cascade-subscription-gateway-exec.jar"), env);
    }

    private static ServerProcess launch(Path jar, Map<String, String> environment) {
        int port = freePort();
        try {
            Path log = Files.createTempFile("cascade-process-", ".log");
            List<String> command = new ArrayList<>(
                    List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar.toString()));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("CASCADE_MONGODB_URI");
            builder.environment().remove("CASCADE_REDIS_URI");
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("LOGGING_LEVEL_ROOT", "WARN");
            builder.environment().putAll(environment);
            ServerProcess process = new ServerProcess(builder.start(), port, log);
            process.awaitReady();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A client holding the platform admin key. */
    public GraphQlClient client() {
        return new GraphQlClient(baseUrl() + "/graphql").withKey(TestServer.ADMIN_KEY);
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: the process gets no chance to flush or close anything. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** A graceful stop ({@code SIGTERM}). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** The server's output so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the server exited with " + process.exitValue() + "; its output:\n" + tail(output()));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        close();
        throw new IllegalStateException(
                "the server was not ready after " + READY_TIMEOUT + "; its output:\n" + tail(output()));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The runnable jar {@code package} built, found from the module or the repository root; the
     * system property {@code cascade.server-jar} names another (an older build, to compare).
     */
    static Path serverJar() {
        return jar("cascade.server-jar", "api-server/target/cascade-api-server-exec.jar");
    }

    private static Path jar(String property, String path) {
        String given = System.getProperty(property);
        if (given != null) {
            return Path.of(given);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path candidate = at.resolve(path);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + path + " above " + dir
                + ": run the integration tests through Maven (mvn verify), which packages it first");
    }
}
