package io.cascade.server.support;

import io.cascade.server.CascadeServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Cascade server on a free loopback port, with its own data directory, started and stopped
 * by a test. {@link #restart()} stops it and starts it again on the same data.
 */
public final class TestServer implements AutoCloseable {

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
        context = new SpringApplicationBuilder(CascadeServer.class).run(args.toArray(String[]::new));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** A client holding the platform admin key. */
    public GraphQlClient client() {
        return anonymousClient().withKey(ADMIN_KEY);
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
