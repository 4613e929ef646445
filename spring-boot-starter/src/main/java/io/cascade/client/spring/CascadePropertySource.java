package io.cascade.client.spring;

import io.cascade.client.CascadeClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.EnumerablePropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The resolved config the client holds, as properties: {@code {"pool": {"size": 10, "hosts": ["a"]}}}
 * gives {@code pool.size=10} and {@code pool.hosts[0]=a}. Always the client's current revision; the
 * flattened form is rebuilt once per revision, when it is first read.
 */
public final class CascadePropertySource extends EnumerablePropertySource<CascadeClient> {

    /** The property source's name. */
    public static final String NAME = "cascade";

    private volatile Flat flat = new Flat(-1, Map.of());

    private record Flat(long revision, Map<String, Object> properties) {}

    public CascadePropertySource(CascadeClient client) {
        super(NAME, client);
    }

    @Override
    public String[] getPropertyNames() {
        return current().keySet().toArray(String[]::new);
    }

    @Override
    public Object getProperty(String name) {
        return current().get(name);
    }

    private Map<String, Object> current() {
        Flat now = flat;
        long revision = source.revision();
        if (now.revision() != revision) {
            Map<String, Object> properties = new LinkedHashMap<>();
            flatten("", source.config(), properties);
            now = new Flat(revision, properties);
            flat = now;
        }
        return now.properties();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                flatten(prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey(), member.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        } else if (!node.isNull() && !prefix.isEmpty()) {
            out.put(
                    prefix,
                    node.isNumber() ? node.numberValue() : node.isBoolean() ? node.booleanValue() : node.asString());
        }
    }
}
