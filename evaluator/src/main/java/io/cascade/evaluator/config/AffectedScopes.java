package io.cascade.evaluator.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scopes whose resolved config a change can affect, one per distinct set of matching layers.
 *
 * <p>Scopes are formed from the values the layers name, with "a value no layer names" ({@code
 * null} in a {@link Scope}) standing for each {@code *}. The search fixes the changed layer's
 * dimensions and, dimension by dimension, only tries values named by layers still compatible with
 * the choices made so far. A change to one tenant's layer therefore visits that tenant's scopes
 * and never the other tenants'. Scopes that match the same layers resolve identically and are kept
 * once; scopes that match no layer have no config and are left out.
 */
public final class AffectedScopes {

    private AffectedScopes() {}

    /** The groups of scopes that {@code changed} applies to, in the layers after the change. */
    public static List<ScopeGroup> of(LayerSet layers, Selector changed) {
        return of(layers, changed, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #of(LayerSet, Selector)}, but stops once more than {@code limit} groups are
     * found, so a caller can refuse an oversized change without enumerating it all.
     */
    public static List<ScopeGroup> of(LayerSet layers, Selector changed, int limit) {
        return search(layers, changed, limit);
    }

    /** Every group of scopes in the namespace, for a change that affects all of them (a new schema). */
    public static List<ScopeGroup> all(LayerSet layers) {
        return all(layers, Integer.MAX_VALUE);
    }

    /** Like {@link #all(LayerSet)}, stopping once more than {@code limit} groups are found. */
    public static List<ScopeGroup> all(LayerSet layers, int limit) {
        return search(layers, Selector.defaults(layers.dimensions().size()), limit);
    }

    private static List<ScopeGroup> search(LayerSet layers, Selector changed, int limit) {
        List<Layer> relevant = new ArrayList<>();
        for (Layer layer : layers.unordered()) {
            if (layer.selector().overlaps(changed)) {
                relevant.add(layer);
            }
        }
        List<ScopeGroup> groups = new ArrayList<>();
        Set<List<Selector>> seen = new HashSet<>();
        String[] scope = new String[changed.size()];
        visit(0, scope, changed, relevant, layers, groups, seen, limit);
        return groups;
    }

    private static void visit(
            int dimension,
            String[] scope,
            Selector changed,
            List<Layer> candidates,
            LayerSet layers,
            List<ScopeGroup> groups,
            Set<List<Selector>> seen,
            int limit) {
        if (dimension == scope.length) {
            record(Scope.of(scope), layers, groups, seen);
            return;
        }
        for (String value : valuesAt(dimension, changed, candidates)) {
            if (groups.size() > limit) {
                return;
            }
            scope[dimension] = value;
            visit(dimension + 1, scope, changed, compatible(candidates, dimension, value), layers, groups, seen, limit);
        }
        scope[dimension] = null;
    }

    /**
     * The changed layer's own value, or every value a candidate names (sorted, so the order of
     * scopes and violations is stable) plus "any other value".
     */
    private static Set<String> valuesAt(int dimension, Selector changed, List<Layer> candidates) {
        Set<String> values = new LinkedHashSet<>();
        if (changed.isFixed(dimension)) {
            values.add(changed.value(dimension));
            return values;
        }
        Set<String> named = new TreeSet<>();
        for (Layer layer : candidates) {
            if (layer.selector().isFixed(dimension)) {
                named.add(layer.selector().value(dimension));
            }
        }
        values.addAll(named);
        values.add(null);
        return values;
    }

    private static List<Layer> compatible(List<Layer> candidates, int dimension, String value) {
        List<Layer> kept = new ArrayList<>(candidates.size());
        for (Layer layer : candidates) {
            Selector selector = layer.selector();
            if (!selector.isFixed(dimension) || selector.value(dimension).equals(value)) {
                kept.add(layer);
            }
        }
        return kept;
    }

    private static void record(Scope scope, LayerSet layers, List<ScopeGroup> groups, Set<List<Selector>> seen) {
        List<Layer> matched = layers.matching(scope);
        if (matched.isEmpty()) {
            return;
        }
        List<Selector> key = new ArrayList<>(matched.size());
        for (Layer layer : matched) {
            key.add(layer.selector());
        }
        if (seen.add(key)) {
            groups.add(new ScopeGroup(scope, matched));
        }
    }
}
