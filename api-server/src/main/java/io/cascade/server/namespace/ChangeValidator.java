package io.cascade.server.namespace;

import io.cascade.evaluator.config.AffectedScopes;
import io.cascade.evaluator.config.ConfigResolver;
import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LayerSet;
import io.cascade.evaluator.config.Resolution;
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
        scopes(schema, layers, AffectedScopes.of(layers, changed, limits.validationScopes()), changed, violations);
        return violations;
    }

    /** Violations of every layer and every scope: for a new schema or a restore. */
    List<Violation> everything(CompiledSchema schema, LayerSet layers) {
        if (schema == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        overrides(schema, layers.dimensions(), layers.layers(), violations);
        scopes(schema, layers, AffectedScopes.all(layers, limits.validationScopes()), null, violations);
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
            CompiledSchema schema, LayerSet layers, List<ScopeGroup> groups, Selector changed, List<Violation> out) {
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
                Selector blamed = source != null ? source : inGroup(group, changed) ? changed : lastOf(group);
                out.add(new Violation(scope, Names.toJson(blamed, dimensions), error.path(), error.message(), null));
            }
        }
    }

    private static boolean inGroup(ScopeGroup group, Selector selector) {
        return selector != null
                && group.layers().stream().anyMatch(layer -> layer.selector().equals(selector));
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
