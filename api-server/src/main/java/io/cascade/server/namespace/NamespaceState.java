package io.cascade.server.namespace;

import io.cascade.evaluator.config.ConfigResolver;
import io.cascade.evaluator.config.Json;
import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LayerSet;
import io.cascade.evaluator.config.Resolution;
import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.rules.AttributeSchema;
import io.cascade.server.store.Change;
import io.cascade.server.store.RevisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A namespace as of one revision: dimensions, layers, schema versions, flags, segments and
 * declared attributes. Immutable; {@link
 * #apply} returns the next state. Resolutions of scopes are memoised, which is safe because the
 * state never changes.
 */
public final class NamespaceState {

    private static final int MAX_MEMOISED_SCOPES = 10_000;

    private final String name;
    private final List<String> dimensions;
    private final Instant createdAt;
    private final int revision;
    private final LayerSet layers;
    private final Map<Selector, Integer> layerRevisions;
    private final List<SchemaVersion> schemas;
    private final Documents flags;
    private final Documents segments;
    private final Map<String, String> attributes;
    private final Map<Scope, Resolution> resolved = new ConcurrentHashMap<>();
    private volatile FlagSet flagSet;

    private NamespaceState(String name, List<String> dimensions, Instant createdAt, int revision, LayerSet layers,
            Map<Selector, Integer> layerRevisions, List<SchemaVersion> schemas, Documents flags, Documents segments,
            Map<String, String> attributes) {
        this.name = name;
        this.dimensions = dimensions;
        this.createdAt = createdAt;
        this.revision = revision;
        this.layers = layers;
        this.layerRevisions = layerRevisions;
        this.schemas = schemas;
        this.flags = flags;
        this.segments = segments;
        this.attributes = attributes;
    }

    /** The state revision 1 creates. */
    public static NamespaceState created(RevisionRecord first) {
        if (first.revision() != 1 || first.changes().isEmpty()
                || !(first.changes().get(0) instanceof Change.NamespaceCreated created)) {
            throw new IllegalStateException("revision 1 of " + first.namespace() + " does not create it");
        }
        NamespaceState empty = new NamespaceState(first.namespace(), created.dimensions(), first.committedAt(), 0,
                LayerSet.empty(created.dimensions()), Map.of(), List.of(), Documents.EMPTY, Documents.EMPTY, Map.of());
        return empty.apply(first);
    }

    /** The state after {@code record}, which must be the next revision. */
    public NamespaceState apply(RevisionRecord record) {
        if (record.revision() != revision + 1) {
            throw new IllegalStateException(
                    name + ": cannot apply revision " + record.revision() + " on top of " + revision);
        }
        LayerSet nextLayers = layers;
        Map<Selector, Integer> nextRevisions = new HashMap<>(layerRevisions);
        List<SchemaVersion> nextSchemas = schemas;
        Documents nextFlags = flags;
        Documents nextSegments = segments;
        Map<String, String> nextAttributes = attributes;
        for (Change change : record.changes()) {
            if (change instanceof Change.LayerPut put) {
                Selector selector = new Selector(put.selector());
                nextLayers = nextLayers.with(new Layer(selector, Json.freezeObject(put.content())));
                nextRevisions.put(selector, record.revision());
            } else if (change instanceof Change.LayerDeleted deleted) {
                Selector selector = new Selector(deleted.selector());
                nextLayers = nextLayers.without(selector);
                nextRevisions.remove(selector);
            } else if (change instanceof Change.SchemaRegistered registered) {
                List<SchemaVersion> grown = new ArrayList<>(nextSchemas);
                grown.add(new SchemaVersion(registered.version(), record.revision(),
                        Json.freezeObject(registered.schema()), record.author(), record.committedAt()));
                nextSchemas = List.copyOf(grown);
            } else if (change instanceof Change.FlagPut flag) {
                nextFlags = nextFlags.with(flag.key(), flag.document(), record.revision());
            } else if (change instanceof Change.FlagDeleted flag) {
                nextFlags = nextFlags.without(flag.key());
            } else if (change instanceof Change.SegmentPut segment) {
                nextSegments = nextSegments.with(segment.key(), segment.document(), record.revision());
            } else if (change instanceof Change.SegmentDeleted segment) {
                nextSegments = nextSegments.without(segment.key());
            } else if (change instanceof Change.AttributesDeclared declared) {
                nextAttributes = declared.attributes();
            }
        }
        return new NamespaceState(name, dimensions, createdAt, record.revision(), nextLayers,
                Map.copyOf(nextRevisions), nextSchemas, nextFlags, nextSegments, nextAttributes);
    }

    /** The declared context attributes, path to type name; empty when none are declared. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** What flag rules are checked against: the declared attributes (plus targetingKey), or untyped. */
    public AttributeSchema attributeSchema() {
        return Attributes.schemaOf(attributes);
    }

    /** Flag documents by key, in key order. */
    public Documents flags() {
        return flags;
    }

    /** Segment documents by key, in key order. */
    public Documents segments() {
        return segments;
    }

    /** The flags and segments compiled for evaluation; compiled once per state, on first use. */
    public FlagSet flagSet() {
        FlagSet compiled = flagSet;
        if (compiled == null) {
            compiled = FlagSet.compile(flags.documents(), segments.documents(), attributeSchema()).flagSet();
            flagSet = compiled;
        }
        return compiled;
    }

    public String name() {
        return name;
    }

    public List<String> dimensions() {
        return dimensions;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public int revision() {
        return revision;
    }

    public LayerSet layers() {
        return layers;
    }

    /** The revision that last set the layer at {@code selector}. */
    public int layerRevision(Selector selector) {
        return layerRevisions.getOrDefault(selector, 0);
    }

    public List<SchemaVersion> schemas() {
        return schemas;
    }

    /** The current schema version, or {@code null} when none is registered. */
    public SchemaVersion schema() {
        return schemas.isEmpty() ? null : schemas.get(schemas.size() - 1);
    }

    /**
     * The config of {@code scope}; answered from memory after the first time (without explain).
     * The memo is keyed by the scope with values no layer names left out, so hosts sending any
     * number of distinct values share one entry per distinct set of matching layers.
     */
    public Resolution resolve(Scope scope, boolean explain) {
        if (explain) {
            return ConfigResolver.resolve(layers, scope, true);
        }
        Scope key = layers.canonical(scope);
        Resolution cached = resolved.get(key);
        if (cached != null) {
            return cached;
        }
        Resolution resolution = ConfigResolver.resolve(layers, key, false);
        if (resolved.size() < MAX_MEMOISED_SCOPES) {
            resolved.put(key, resolution);
        }
        return resolution;
    }
}
