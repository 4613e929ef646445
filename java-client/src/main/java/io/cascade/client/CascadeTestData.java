package io.cascade.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test double for hosts: a {@link CascadeClient} that holds the config and flags a test gives it,
 * with no server and no network. Each change is a newer revision, applied as one from a server
 * would be (listeners, typed views, flags), so a host's own code can be tested as it runs.
 *
 * <pre>{@code
 * CascadeTestData data = CascadeTestData.create("prod");
 * data.config(Map.of("pool", Map.of("size", 10)));
 * data.flag(Map.of("key", "new-checkout", "type", "boolean", ...));   // a flag document
 * CascadeClient client = data.client();
 * data.config(Map.of("pool", Map.of("size", 20)));                      // listeners hear revision 3
 * }</pre>
 *
 * Thread-safe; {@link #close()} closes the client.
 */
public final class CascadeTestData implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CascadeClient client;
    private final Map<String, Object> flags = new LinkedHashMap<>();
    private final Map<String, Object> segments = new LinkedHashMap<>();
    private long revision;

    private CascadeTestData(String environment) {
        this.client = CascadeClient.builder()
                .endpoints(List.of(URI.create("http://cascade-test-data.invalid")))
                .apiKey("test")
                .namespace("test")
                .scope(Map.of("environment", environment))
                .hostId("test-host")
                .build();
        client.startOffline();
    }

    /** Test data for hosts of {@code environment}: empty config, no flags, at revision 0. */
    public static CascadeTestData create(String environment) {
        return new CascadeTestData(Objects.requireNonNull(environment, "environment"));
    }

    /** The client: started, holding what this test data says. */
    public CascadeClient client() {
        return client;
    }

    /** Replaces the resolved config (a JSON object as plain Java values, or JSON text) as a newer revision. */
    public synchronized CascadeTestData config(Object config) {
        JsonNode tree = config instanceof String text ? JSON.readTree(text) : JSON.valueToTree(config);
        if (!tree.isObject()) {
            throw new IllegalArgumentException("a config is a JSON object, not " + tree.getNodeType());
        }
        client.applyOffline(++revision, tree, null, null, null);
        return this;
    }

    /** Adds or replaces a flag document (the JSON operators keep in Git) as a newer revision. */
    public synchronized CascadeTestData flag(Object document) {
        JsonNode tree = document instanceof String text ? JSON.readTree(text) : JSON.valueToTree(document);
        flags.put(tree.path("key").asString(""), tree);
        return publishFlags();
    }

    /** Adds or replaces a segment document as a newer revision. */
    public synchronized CascadeTestData segment(Object document) {
        JsonNode tree = document instanceof String text ? JSON.readTree(text) : JSON.valueToTree(document);
        segments.put(tree.path("key").asString(""), tree);
        return publishFlags();
    }

    private CascadeTestData publishFlags() {
        ObjectNode segmentsAndAttributes = JSON.createObjectNode();
        segmentsAndAttributes.set("segments", JSON.valueToTree(new ArrayList<>(segments.values())));
        segmentsAndAttributes.putObject("attributes");
        client.applyOffline(
                null, null, ++revision, JSON.valueToTree(new ArrayList<>(flags.values())), segmentsAndAttributes);
        return this;
    }

    @Override
    public void close() {
        client.close();
    }
}
