package io.cascade.evaluator.config;

import io.cascade.evaluator.internal.PersistentMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The layers of one namespace, indexed for resolution. Immutable: {@link #with} and {@link
 * #without} return a new set.
 *
 * <p>Finding the layers of a scope costs one hash lookup per selector shape ({@code 2^dimensions},
 * 8 for the usual three), or a scan when there are fewer layers than shapes.
 */
public final class LayerSet {

    private static final Comparator<Layer> LEAST_SPECIFIC_FIRST =
            Comparator.comparingInt(layer -> layer.selector().specificity());

    private final List<String> dimensions;
    private final PersistentMap<Selector, Layer> bySelector;
    /** Per dimension: each value some selector names, with how many selectors name it. */
    private final List<PersistentMap<String, Integer>> named;

    private LayerSet(
            List<String> dimensions,
            PersistentMap<Selector, Layer> bySelector,
            List<PersistentMap<String, Integer>> named) {
        this.dimensions = dimensions;
        this.bySelector = bySelector;
        this.named = named;
    }

    public static LayerSet empty(List<String> dimensions) {
        List<PersistentMap<String, Integer>> named = new ArrayList<>(dimensions.size());
        for (int i = 0; i < dimensions.size(); i++) {
            named.add(PersistentMap.empty());
        }
        return new LayerSet(List.copyOf(dimensions), PersistentMap.empty(), List.copyOf(named));
    }

    public static LayerSet of(List<String> dimensions, Collection<Layer> layers) {
        LayerSet set = empty(dimensions);
        for (Layer layer : layers) {
            set = set.with(layer);
        }
        return set;
    }

    public List<String> dimensions() {
        return dimensions;
    }

    public int size() {
        return bySelector.size();
    }

    public Layer get(Selector selector) {
        return bySelector.get(selector);
    }

    /** Every layer, in no particular order: for callers that do not show the order. */
    public Collection<Layer> unordered() {
        return bySelector.values();
    }

    /** Every layer, least specific first, then by selector text, so output is stable. */
    public List<Layer> layers() {
        List<Layer> all = bySelector.values();
        all.sort(LEAST_SPECIFIC_FIRST.thenComparing(layer -> layer.selector().toString()));
        return all;
    }

    /**
     * This set with {@code layer} added or replacing the layer of the same selector. Shares all
     * but a few small arrays with this set, however many layers it has.
     */
    public LayerSet with(Layer layer) {
        checkArity(dimensions, layer.selector());
        PersistentMap<Selector, Layer> next = bySelector.with(layer.selector(), layer);
        if (next == bySelector) {
            return this;
        }
        boolean added = next.size() > bySelector.size();
        return new LayerSet(dimensions, next, added ? count(layer.selector(), +1) : named);
    }

    /** This set without the layer of {@code selector}. */
    public LayerSet without(Selector selector) {
        PersistentMap<Selector, Layer> next = bySelector.without(selector);
        if (next == bySelector) {
            return this;
        }
        return new LayerSet(dimensions, next, count(selector, -1));
    }

    private List<PersistentMap<String, Integer>> count(Selector selector, int delta) {
        List<PersistentMap<String, Integer>> next = new ArrayList<>(named);
        for (int i = 0; i < selector.size(); i++) {
            if (!selector.isFixed(i)) {
                continue;
            }
            String value = selector.value(i);
            int count = next.get(i).get(value) == null ? delta : next.get(i).get(value) + delta;
            next.set(i, count == 0 ? next.get(i).without(value) : next.get(i).with(value, count));
        }
        return List.copyOf(next);
    }

    /**
     * {@code scope} with every value that no layer names replaced by "a value no layer names"
     * ({@code null}): it matches the same layers, so it resolves the same. Lets callers cache by
     * what matters, whatever values hosts send.
     */
    public Scope canonical(Scope scope) {
        List<String> canonical = new ArrayList<>(scope.size());
        boolean changed = false;
        for (int i = 0; i < scope.size(); i++) {
            String value = scope.value(i);
            boolean keep = value != null && named.get(i).containsKey(value);
            canonical.add(keep ? value : null);
            changed |= value != null && !keep;
        }
        return changed ? new Scope(canonical) : scope;
    }

    /** The layers that match {@code scope}, least specific first: the order they merge in. */
    public List<Layer> matching(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        if (scope.size() != dimensions.size()) {
            throw new IllegalArgumentException(
                    "scope has " + scope.size() + " values, namespace has " + dimensions.size() + " dimensions");
        }
        int shapes = 1 << dimensions.size();
        if (bySelector.size() < shapes) {
            return scan(scope);
        }
        List<Layer> matched = new ArrayList<>();
        for (int mask = 0; mask < shapes; mask++) {
            if (!namesEveryDimension(scope, mask)) {
                continue;
            }
            Layer layer = bySelector.get(Selector.project(scope, mask));
            if (layer != null) {
                matched.add(layer);
            }
        }
        return matched;
    }

    private List<Layer> scan(Scope scope) {
        List<Layer> matched = new ArrayList<>();
        for (Layer layer : bySelector.values()) {
            if (layer.selector().matches(scope)) {
                matched.add(layer);
            }
        }
        matched.sort(LEAST_SPECIFIC_FIRST);
        return matched;
    }

    private static boolean namesEveryDimension(Scope scope, int mask) {
        for (int i = 0; i < scope.size(); i++) {
            if ((mask & (1 << i)) != 0 && scope.value(i) == null) {
                return false;
            }
        }
        return true;
    }

    private static void checkArity(List<String> dimensions, Selector selector) {
        if (selector.size() != dimensions.size()) {
            throw new IllegalArgumentException("selector " + selector + " has " + selector.size()
                    + " values, namespace has " + dimensions.size() + " dimensions");
        }
    }

    /** The layers keyed by selector, in {@link #layers()} order. */
    public Map<Selector, Layer> asMap() {
        Map<Selector, Layer> ordered = new LinkedHashMap<>();
        for (Layer layer : layers()) {
            ordered.put(layer.selector(), layer);
        }
        return ordered;
    }
}
