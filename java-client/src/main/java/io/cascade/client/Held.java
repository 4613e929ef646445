package io.cascade.client;

import io.cascade.evaluator.flag.EnvironmentFlags;
import io.cascade.evaluator.flag.FlagSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What the client holds: the resolved config and the compiled flags, each with the revision it
 * came from, and the view of the host's environment (null when no flag defines it), looked up once
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
            JsonNodeFactory.instance.arrayNode(),
            FlagSet.empty(),
            null);

    /** The newest revision either part reflects. */
    long revision() {
        return Math.max(configRevision, flagsRevision);
    }

    boolean isEmpty() {
        return configRevision == 0 && flagsRevision == 0;
    }
}
