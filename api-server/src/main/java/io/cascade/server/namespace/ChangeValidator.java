package io.cascade.server.namespace;

import io.cascade.evaluator.config.AffectedScopes;
import io.cascade.evaluator.config.ConfigResolver;
import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LayerSet;
import io.cascade.evaluator.config.Resolution;
import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.ScopeGroup;
import io.cascade.evaluator.config.Selector;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import io.cascade.server.schema.CompiledSchema;
import io.cascade.server.schema.CompiledSchema.SchemaError;
import io.cascade.server.schema.OverrideRules.IllegalOverride;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every violation a set of layers would have under a schema: illegal overrides in the
 * layers named, and schema errors in the resolved config of every scope the change can affect.
 */
final class ChangeValidator {

    private final Limits limits;

    ChangeValidator(Limits limits) {
        this.limits = limits;
    }

    /** Violations after a change to the layer at {@code changed} (put or deleted). */
    List<Violation> afterLayerChange(CompiledSchema schema, LayerSet layers, Selector changed) {
        if (schema == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        Layer layer = layers.get(changed);
        if (layer != null) {
            overrides(schema, layers.dimensions(), List.of(layer), violations);
        }
        scopes(
                schema,
                layers,
                AffectedScopes.of(layers, changed, limits.validationScopes()),
                List.of(changed),
                violations);
        return violations;
    }

    /**
     * Violations after changes to the layers at {@code changed} (each put or deleted), judged
     * together: the scopes any of them can affect, resolved with all of them applied.
     */
    List<Violation> afterLayerChanges(CompiledSchema schema, LayerSet layers, Collection<Selector> changed) {
        if (schema == null || changed.isEmpty()) {
            return List.of();
        }
        if (changed.size() == 1) {
            return afterLayerChange(schema, layers, changed.iterator().next());
        }
        List<Violation> violations = new ArrayList<>();
        List<Layer> present = new ArrayList<>();
        for (Selector selector : changed) {
            Layer layer = layers.get(selector);
            if (layer != null) {
                present.add(layer);
            }
        }
        overrides(schema, layers.dimensions(), present, violations);
        Map<Scope, ScopeGroup> groups = new LinkedHashMap<>();
        for (Selector selector : changed) {
            for (ScopeGroup group : AffectedScopes.of(layers, selector, limits.validationScopes())) {
                groups.putIfAbsent(group.scope(), group);
            }
            if (groups.size() > limits.validationScopes()) {
                break;
            }
        }
        scopes(schema, layers, new ArrayList<>(groups.values()), changed, violations);
        return violations;
    }

    /** Violations of every layer and every scope: for a new schema or a restore. */
    List<Violation> everything(CompiledSchema schema, LayerSet layers) {
        if (schema == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        overrides(schema, layers.dimensions(), layers.layers(), violations);
        scopes(schema, layers, AffectedScopes.all(layers, limits.validationScopes()), List.of(), violations);
        return violations;
    }

    private void overrides(
            CompiledSchema schema, List<String> dimensions, Collection<Layer> layers, List<Violation> out) {
        for (Layer layer : layers) {
            for (IllegalOverride illegal : schema.overrides().check(layer.selector(), layer.content(), dimensions)) {
                Map<String, String> selector = Names.toJson(layer.selector(), dimensions);
                out.add(new Violation(
                        fixed(selector), selector, illegal.path(), illegal.message(layer.selector()), illegal.rule()));
            }
        }
    }

    private void scopes(
            CompiledSchema schema,
            LayerSet layers,
            List<ScopeGroup> groups,
            Collection<Selector> changed,
            List<Violation> out) {
        if (groups.size() > limits.validationScopes()) {
            throw CascadeException.limit(
                    "validationScopes",
                    limits.validationScopes(),
                    "the change affects more distinct scopes than the limit of " + limits.validationScopes());
        }
        List<String> dimensions = layers.dimensions();
        for (ScopeGroup group : groups) {
            Resolution resolution = ConfigResolver.merge(group.layers(), false);
            List<SchemaError> errors = schema.validate(resolution.config());
            if (errors.isEmpty()) {
                continue;
            }
            Resolution explained = ConfigResolver.merge(group.layers(), true);
            Map<String, String> scope = Names.toJson(group.scope(), dimensions);
            for (SchemaError error : errors) {
                Selector source = explained.sourceOf(error.path());
                Selector blamed = source != null ? source : changedIn(group, changed);
                out.add(new Violation(scope, Names.toJson(blamed, dimensions), error.path(), error.message(), null));
            }
        }
    }

    /** The most specific changed layer of the group, else its most specific layer. */
    private static Selector changedIn(ScopeGroup group, Collection<Selector> changed) {
        for (int i = group.layers().size() - 1; i >= 0; i--) {
            Selector selector = group.layers().get(i).selector();
            if (changed.contains(selector)) {
                return selector;
            }
        }
        return lastOf(group);
    }

    /** For an error no one layer set (a missing required key, say): the most specific layer of the scope. */
    private static Selector lastOf(ScopeGroup group) {
        return group.layers().get(group.layers().size() - 1).selector();
    }

    private static Map<String, String> fixed(Map<String, String> selector) {
        Map<String, String> scope = new LinkedHashMap<>(selector);
        scope.values().removeIf(Selector.ANY::equals);
        return scope;
    }
}
