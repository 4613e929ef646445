package io.cascade.client;

import io.cascade.evaluator.flag.EnvironmentFlags;
import io.cascade.evaluator.flag.FlagSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What the client holds: the resolved config and the compiled flags, each with the revision it
 * came from ({@code segments} holds {@code {"segments": [...], "attributes": {...}}}, the declared
 * context attributes the rules are compiled with), and the view of the host's environment (null when no flag defines it), looked up once
 * per revision. Immutable; replaced whole on every apply, read through one volatile field.
 */
record Held(
        long configRevision,
        JsonNode config,
        long flagsRevision,
        JsonNode flags,
        JsonNode segments,
        FlagSet flagSet,
        EnvironmentFlags environmentFlags) {

    static final Held EMPTY = new Held(
            0,
            JsonNodeFactory.instance.objectNode(),
            0,
            JsonNodeFactory.instance.arrayNode(),
            emptySegments(),
            FlagSet.empty(),
            null);

    private static JsonNode emptySegments() {
        var out = JsonNodeFactory.instance.objectNode();
        out.set("segments", JsonNodeFactory.instance.arrayNode());
        out.set("attributes", JsonNodeFactory.instance.objectNode());
        return out;
    }

    /** The newest revision either part reflects. */
    long revision() {
        return Math.max(configRevision, flagsRevision);
    }

    boolean isEmpty() {
        return configRevision == 0 && flagsRevision == 0;
    }
}
