package io.cascade.evaluator.flag;

import io.cascade.rules.AttributeSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled, immutable snapshot of one namespace's flags and segments: built once when data loads,
 * evaluated many times by {@link FlagEvaluator}. Rules are compiled with their flag's salt (a
 * segment's condition with the segment key), splits are precomputed bucket bounds and segment key
 * lists are hash sets, so evaluation does no parsing.
 *
 * <p>To change one flag or segment, compile a new set from the updated document lists and swap it
 * in whole. Immutable and thread-safe.
 */
public final class FlagSet {

    private static final FlagSet EMPTY = new FlagSet(Map.of(), Map.of());

    private final Map<String, CompiledFlag> flags;
    private final Map<String, CompiledSegment> segments;

    FlagSet(Map<String, CompiledFlag> flags, Map<String, CompiledSegment> segments) {
        this.flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
        this.segments = Map.copyOf(segments);
    }

    /** A set without flags or segments. */
    public static FlagSet empty() {
        return EMPTY;
    }

    /**
     * Compiles flag and segment documents (plain Java JSON values, see {@link FlagDocuments}) into a
     * set, reporting every problem: those of each document, rule conditions that do not compile,
     * references to unknown segments, segment cycles and duplicate keys (the first document wins).
     * Never throws for bad documents.
     */
    public static FlagSetResult compile(List<?> flagDocuments, List<?> segmentDocuments) {
        return compile(flagDocuments, segmentDocuments, AttributeSchema.untyped());
    }

    /**
     * Like {@link #compile(List, List)}, type-checking every rule against the namespace's declared
     * attributes: a rule reading an undeclared attribute, or comparing one with the wrong type, is
     * a {@code DSL_TYPE_ERROR} problem.
     */
    public static FlagSetResult compile(List<?> flagDocuments, List<?> segmentDocuments, AttributeSchema attributes) {
        Objects.requireNonNull(flagDocuments, "flagDocuments");
        Objects.requireNonNull(segmentDocuments, "segmentDocuments");
        Objects.requireNonNull(attributes, "attributes");
        return new FlagSetCompiler(attributes).compile(flagDocuments, segmentDocuments);
    }

    /** The valid flag with this key. */
    public Optional<Flag> flag(String key) {
        CompiledFlag flag = flags.get(key);
        return flag == null ? Optional.empty() : Optional.ofNullable(flag.flag());
    }

    /** The valid flags, in document order. */
    public List<Flag> flags() {
        List<Flag> result = new ArrayList<>();
        for (CompiledFlag flag : flags.values()) {
            if (flag.flag() != null) {
                result.add(flag.flag());
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** The keys of every flag, valid or not, in document order. */
    public Set<String> flagKeys() {
        return flags.keySet();
    }

    /** The valid segment with this key. */
    public Optional<Segment> segment(String key) {
        CompiledSegment segment = segments.get(key);
        return segment == null ? Optional.empty() : Optional.of(segment.segment());
    }

    /** The keys of the valid segments. */
    public Set<String> segmentKeys() {
        return segments.keySet();
    }

    CompiledFlag compiledFlag(String key) {
        return flags.get(key);
    }

    Iterable<CompiledFlag> compiledFlags() {
        return flags.values();
    }

    boolean isMember(String segment, String value, EvaluationContext context) {
        CompiledSegment compiled = segments.get(segment);
        return compiled != null && compiled.contains(value, context);
    }

    @Override
    public String toString() {
        return "FlagSet[flags=" + flags.keySet() + ", segments=" + segments.keySet() + "]";
    }
}
