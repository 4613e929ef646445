package io.cascade.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Cascade server on a free loopback port, with its own data directory, started and stopped
 * by a test. {@link #restart()} stops it and starts it again on the same data. A test class that
 * needs one server for all its tests registers a {@link ServerExtension} instead of managing it.
 *
 * <p>The server's application class is found by name: this module is a test dependency of
 * api-server itself, so it cannot depend on it.
 */
public final class TestServer implements AutoCloseable {

    private static final String APPLICATION = "io.cascade.server.CascadeServer";

    private static final String CREATE_KEY = "mutation($n: String, $r: Role!, $e: String) "
            + "{ createApiKey(namespace: $n, role: $r, environment: $e) { secret } }";

    /** The platform admin key every test server starts with. */
    public static final String ADMIN_KEY = "test-admin-" + java.util.UUID.randomUUID();

    private final Path dataDir;
    private final Map<String, Object> properties;
    private ConfigurableApplicationContext context;

    /** The directory {@link #start} made: the data directory unless a test named its own. */
    private final Path tempDir;

    private TestServer(Path tempDir, Map<String, Object> properties) {
        this.tempDir = tempDir;
        this.dataDir = Path.of(String.valueOf(properties.get("cascade.data-dir")));
        this.properties = properties;
    }

    /** A server with the embedded store in a fresh temporary directory. */
    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, Object> extraProperties) {
        try {
            Path dir = Files.createTempDirectory("cascade-it-");
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("server.port", 0);
            properties.put("cascade.data-dir", dir.toString());
            properties.put("logging.level.root", "WARN");
            properties.put("cascade.bootstrap-admin-key", ADMIN_KEY);
            properties.putAll(extraProperties);
            TestServer server = new TestServer(dir, properties);
            server.boot();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void boot() {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        context = new SpringApplicationBuilder(application()).run(args.toArray(String[]::new));
    }

    private static Class<?> application() {
        try {
            return Class.forName(APPLICATION);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the server is not on the test classpath: add cascade-api-server as a test dependency", e);
        }
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** A client holding the platform admin key. */
    public GraphQlClient client() {
        return anonymousClient().withKey(ADMIN_KEY);
    }

    /** A client holding a new key of {@code role} in {@code namespace} (null: platform-wide). */
    public GraphQlClient clientWith(String namespace, String role) {
        return anonymousClient().withKey(createKey(namespace, role, null));
    }

    /**
     * The secret of a new API key, made by the platform admin: {@code role} in {@code namespace} (null:
     * platform-wide), limited to {@code environment} when it is not null (SDK keys).
     */
    public String createKey(String namespace, String role, String environment) {
        return client().data(CREATE_KEY, GraphQlClient.vars("n", namespace, "r", role, "e", environment))
                .at("/createApiKey/secret")
                .asString();
    }

    /** A client that sends no key. */
    public GraphQlClient anonymousClient() {
        return new GraphQlClient(baseUrl() + "/graphql");
    }

    public Path dataDir() {
        return dataDir;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Stops the server and starts it again on the same data directory (a new port). */
    public void restart() {
        context.close();
        boot();
    }

    /** Stops the server and deletes the directory {@link #start} made (a data directory a test named is its own). */
    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
        TempDirs.delete(tempDir);
    }
}
