package io.cascade.evaluator.flag;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.AttributeSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled, immutable snapshot of one namespace's flags and segments: built once when data loads,
 * evaluated many times, by flag key through the {@linkplain #environment(String) view of an
 * environment} or through {@link FlagEvaluator}. Rules are compiled with their flag's salt (a
 * segment's condition with the segment key), splits are precomputed bucket bounds, segment key
 * lists are hash sets, and every attribute the rules read has a slot in the set's layout, so
 * evaluation does no parsing and a {@linkplain EvaluationContext#boundTo bound} context is read by
 * slot.
 *
 * <p>The set takes documents already parsed into plain Java values; reading JSON text is the
 * caller's (the Java client does it with Jackson).
 *
 * <p>To change one flag or segment, compile a new set from the updated document lists and swap it
 * in whole. Immutable and thread-safe.
 */
public final class FlagSet {

    private static final FlagSet EMPTY =
            new FlagSet(Map.of(), Map.of(), AttributeLayout.builder().build());

    private final Map<String, CompiledFlag> flags;
    private final Map<String, CompiledSegment> segments;
    private final AttributeLayout layout;
    private final Map<String, EnvironmentFlags> environments;

    FlagSet(Map<String, CompiledFlag> flags, Map<String, CompiledSegment> segments, AttributeLayout layout) {
        this.flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
        this.segments = new HashMap<>();
        segments.forEach((key, segment) -> this.segments.put(key.intern(), segment));
        this.layout = layout;
        Set<String> names = new LinkedHashSet<>();
        for (CompiledFlag flag : this.flags.values()) {
            flag.environmentNames().forEach(names::add);
        }
        Map<String, EnvironmentFlags> views = new LinkedHashMap<>();
        for (String name : names) {
            views.put(name, new EnvironmentFlags(this, name, this.flags.values()));
        }
        this.environments = Collections.unmodifiableMap(views);
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

    /**
     * The flags of {@code environment}, ready to evaluate by key; empty when no valid flag of the set
     * defines that environment (a misspelt name, most likely).
     */
    public Optional<EnvironmentFlags> environment(String environment) {
        return Optional.ofNullable(environments.get(environment));
    }

    /** The environments that at least one valid flag defines, in order of first appearance. */
    public Set<String> environments() {
        return environments.keySet();
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
        return Collections.unmodifiableSet(segments.keySet());
    }

    /** The slots and symbols of the set's rules: what a bound context is laid out by. */
    AttributeLayout layout() {
        return layout;
    }

    EnvironmentFlags environmentOrNull(String environment) {
        return environments.get(environment);
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

    boolean isMember(String segment, int symbol, EvaluationContext context) {
        CompiledSegment compiled = segments.get(segment);
        return compiled != null && compiled.contains(symbol, context);
    }

    @Override
    public String toString() {
        return "FlagSet[flags=" + flags.keySet() + ", segments=" + segments.keySet() + "]";
    }
}
