package io.cascade.evaluator.flag;

import java.util.List;
import java.util.Objects;

/**
 * What a flag is for; none of it changes evaluation except that {@link FlagEvaluator#evaluateAll}
 * leaves out archived flags.
 *
 * @param description free text, {@code ""} when absent
 * @param tags labels, in document order
 * @param owner who to ask, {@code ""} when absent
 * @param temporary whether the flag is meant to be removed once rolled out (default false)
 * @param archived whether the flag is retired (default false)
 */
public record FlagMetadata(String description, List<String> tags, String owner, boolean temporary, boolean archived) {

    private static final FlagMetadata NONE = new FlagMetadata("", List.of(), "", false, false);

    public FlagMetadata {
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        Objects.requireNonNull(owner, "owner");
    }

    /** No description, tags or owner; permanent; not archived. */
    public static FlagMetadata none() {
        return NONE;
    }
}
