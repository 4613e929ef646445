package io.cascade.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A newer revision the client applied: what the host runs now and what changed since the revision
 * it ran before.
 *
 * @param revision the revision applied
 * @param previousRevision the revision held before; 0 when there was none
 * @param config the resolved config now (do not modify it)
 * @param configChanges each changed config leaf, by JSON Pointer (arrays count as leaves), in order
 * @param flagChanges each changed flag, by key; when a segment changes, every flag counts as modified
 */
public record ConfigChange(
        long revision,
        long previousRevision,
        JsonNode config,
        Map<String, ChangeType> configChanges,
        Map<String, ChangeType> flagChanges) {

    public ConfigChange {
        Objects.requireNonNull(config, "config");
        configChanges = Map.copyOf(configChanges);
        flagChanges = Map.copyOf(flagChanges);
    }

    /** Whether the config leaf at {@code pointer}, or anything under it, changed. */
    public boolean changed(String pointer) {
        for (String path : configChanges.keySet()) {
            if (path.equals(pointer) || path.startsWith(pointer + "/") || pointer.startsWith(path + "/")) {
                return true;
            }
        }
        return false;
    }

    /** The keys of the changed flags. */
    public List<String> changedFlagKeys() {
        return List.copyOf(flagChanges.keySet());
    }
}
