package io.cascade.cli.code;

import io.cascade.cli.text.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What makes a namespace equal to a directory: a new schema is registered, layers are put or
 * deleted, flags put or (when missing from the directory) archived, segments put or deleted. An
 * unchanged object gives no step, so applying an export plans nothing.
 */
public record ConfigPlan(List<Step> steps) {

    /**
     * One step: {@code kind} layer, flag, segment or schema; {@code action} put, delete, archive or
     * register; {@code target} the selector or key; {@code operation} the change operation the
     * server takes; {@code before} and {@code after} the object's content (null when absent).
     */
    public record Step(
            String kind, String action, JsonNode target, JsonNode operation, JsonNode before, JsonNode after) {}

    public ConfigPlan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public static ConfigPlan between(ConfigDirectory current, ConfigDirectory desired) {
        List<Step> steps = new ArrayList<>();
        if (desired.schema() != null && !desired.schema().equals(current.schema())) {
            ObjectNode op = op("registerSchema");
            op.set("schema", desired.schema());
            steps.add(new Step("schema", "register", null, op, current.schema(), desired.schema()));
        }
        for (Map.Entry<String, ConfigDirectory.Layer> entry : desired.layers().entrySet()) {
            ConfigDirectory.Layer now = current.layers().get(entry.getKey());
            ConfigDirectory.Layer wanted = entry.getValue();
            if (now == null || !now.content().equals(wanted.content())) {
                ObjectNode op = op("putLayer");
                op.set("selector", selector(wanted.selector()));
                op.set("content", wanted.content());
                steps.add(new Step(
                        "layer",
                        "put",
                        selector(wanted.selector()),
                        op,
                        now == null ? null : now.content(),
                        wanted.content()));
            }
        }
        for (Map.Entry<String, ConfigDirectory.Layer> entry : current.layers().entrySet()) {
            if (!desired.layers().containsKey(entry.getKey())) {
                ObjectNode op = op("deleteLayer");
                op.set("selector", selector(entry.getValue().selector()));
                steps.add(new Step(
                        "layer",
                        "delete",
                        selector(entry.getValue().selector()),
                        op,
                        entry.getValue().content(),
                        null));
            }
        }
        for (Map.Entry<String, JsonNode> entry : desired.flags().entrySet()) {
            JsonNode now = current.flags().get(entry.getKey());
            if (!Objects.equals(now, entry.getValue())) {
                steps.add(new Step(
                        "flag",
                        "put",
                        text(entry.getKey()),
                        putDocument("putFlag", "flag", entry.getValue()),
                        now,
                        entry.getValue()));
            }
        }
        for (Map.Entry<String, JsonNode> entry : current.flags().entrySet()) {
            if (!desired.flags().containsKey(entry.getKey())
                    && !entry.getValue().path("archived").asBoolean(false)) {
                ObjectNode archived = ((ObjectNode) entry.getValue()).deepCopy();
                archived.put("archived", true);
                steps.add(new Step(
                        "flag",
                        "archive",
                        text(entry.getKey()),
                        putDocument("putFlag", "flag", archived),
                        entry.getValue(),
                        archived));
            }
        }
        for (Map.Entry<String, JsonNode> entry : desired.segments().entrySet()) {
            JsonNode now = current.segments().get(entry.getKey());
            if (!Objects.equals(now, entry.getValue())) {
                steps.add(new Step(
                        "segment",
                        "put",
                        text(entry.getKey()),
                        putDocument("putSegment", "segment", entry.getValue()),
                        now,
                        entry.getValue()));
            }
        }
        for (Map.Entry<String, JsonNode> entry : current.segments().entrySet()) {
            if (!desired.segments().containsKey(entry.getKey())) {
                ObjectNode op = op("deleteSegment");
                op.put("key", entry.getKey());
                steps.add(new Step("segment", "delete", text(entry.getKey()), op, entry.getValue(), null));
            }
        }
        return new ConfigPlan(steps);
    }

    /** The change operations, for {@code commitChanges} or {@code proposeChange}. */
    public ArrayNode operations() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        steps.forEach(step -> out.add(step.operation()));
        return out;
    }

    /** {@code {"changes": [{"kind", "action", "target"}]}}. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode changes = out.putArray("changes");
        for (Step step : steps) {
            ObjectNode change = changes.addObject();
            change.put("kind", step.kind());
            change.put("action", step.action());
            change.set("target", step.target());
        }
        return out;
    }

    /** The plan for people: one line per step, then one per changed path. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Step step : steps) {
            String mark = step.action().equals("delete") ? "-" : step.before() == null ? "+" : "~";
            String target = step.target() == null
                    ? ""
                    : " " + (step.target().isString() ? step.target().asString() : Json.compact(step.target()));
            out.add(mark + " " + step.action() + " " + step.kind() + target);
            if (step.before() != null && step.after() != null) {
                JsonPaths.diff("", step.before(), step.after(), out);
            }
        }
        return out;
    }

    private static ObjectNode op(String name) {
        ObjectNode op = JsonNodeFactory.instance.objectNode();
        op.put("op", name);
        return op;
    }

    private static ObjectNode putDocument(String name, String field, JsonNode document) {
        ObjectNode op = op(name);
        op.set(field, document);
        return op;
    }

    private static ObjectNode selector(Map<String, String> selector) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        selector.forEach((dimension, value) -> {
            if (!value.equals("*")) {
                out.put(dimension, value);
            }
        });
        return out;
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.stringNode(value);
    }
}
