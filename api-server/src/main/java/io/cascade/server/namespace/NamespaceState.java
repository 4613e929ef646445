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
 * declared attributes. Immutable; {@link #apply} returns the next state. Resolutions of scopes are
 * memoised, which is safe because the state never changes.
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
    private final Map<Scope, Resolution> explained = new ConcurrentHashMap<>();
    private volatile FlagSet flagSet;

    private NamespaceState(
            String name,
            List<String> dimensions,
            Instant createdAt,
            int revision,
            LayerSet layers,
            Map<Selector, Integer> layerRevisions,
            List<SchemaVersion> schemas,
            Documents flags,
            Documents segments,
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
        return replay(List.of(first));
    }

    /**
     * The state after {@code records}, revisions 1 to n of one namespace in order. Builds the
     * state once, rather than one intermediate state per revision: what start-up and as-of reads use.
     */
    public static NamespaceState replay(List<RevisionRecord> records) {
        RevisionRecord first = records.get(0);
        if (first.revision() != 1
                || first.changes().isEmpty()
                || !(first.changes().get(0) instanceof Change.NamespaceCreated created)) {
            throw new IllegalStateException("revision 1 of " + first.namespace() + " does not create it");
        }
        NamespaceState empty = new NamespaceState(
                first.namespace(),
                created.dimensions(),
                first.committedAt(),
                0,
                LayerSet.empty(created.dimensions()),
                Map.of(),
                List.of(),
                Documents.EMPTY,
                Documents.EMPTY,
                Map.of());
        return empty.applyAll(records);
    }

    /** The state after {@code record}, which must be the next revision. */
    public NamespaceState apply(RevisionRecord record) {
        return applyAll(List.of(record));
    }

    /** The state after {@code records}, consecutive revisions starting with the next one. */
    public NamespaceState applyAll(List<RevisionRecord> records) {
        Builder next = new Builder(this);
        for (RevisionRecord record : records) {
            next.apply(record);
        }
        return next.build();
    }

    /** The mutable working copy a replay changes in place. */
    private static final class Builder {
        private final NamespaceState base;
        private final Map<Selector, Layer> layers = new HashMap<>();
        private final Map<Selector, Integer> layerRevisions;
        private final List<SchemaVersion> schemas;
        private final Map<String, Documents.Entry> flags;
        private final Map<String, Documents.Entry> segments;
        private Map<String, String> attributes;
        private int revision;

        Builder(NamespaceState base) {
            this.base = base;
            base.layers.unordered().forEach(layer -> layers.put(layer.selector(), layer));
            layerRevisions = new HashMap<>(base.layerRevisions);
            schemas = new ArrayList<>(base.schemas);
            flags = base.flags.toMap();
            segments = base.segments.toMap();
            attributes = base.attributes;
            revision = base.revision;
        }

        void apply(RevisionRecord record) {
            if (record.revision() != revision + 1) {
                throw new IllegalStateException(
                        base.name + ": cannot apply revision " + record.revision() + " on top of " + revision);
            }
            revision = record.revision();
            for (Change change : record.changes()) {
                if (change instanceof Change.LayerPut put) {
                    Selector selector = new Selector(put.selector());
                    layers.put(selector, new Layer(selector, Json.freezeObject(put.content())));
                    layerRevisions.put(selector, revision);
                } else if (change instanceof Change.LayerDeleted deleted) {
                    Selector selector = new Selector(deleted.selector());
                    layers.remove(selector);
                    layerRevisions.remove(selector);
                } else if (change instanceof Change.SchemaRegistered registered) {
                    schemas.add(new SchemaVersion(
                            registered.version(),
                            revision,
                            Json.freezeObject(registered.schema()),
                            record.author(),
                            record.committedAt()));
                } else if (change instanceof Change.FlagPut flag) {
                    flags.put(flag.key(), Documents.entry(flag.key(), flag.document(), revision));
                } else if (change instanceof Change.FlagDeleted flag) {
                    flags.remove(flag.key());
                } else if (change instanceof Change.SegmentPut segment) {
                    segments.put(segment.key(), Documents.entry(segment.key(), segment.document(), revision));
                } else if (change instanceof Change.SegmentDeleted segment) {
                    segments.remove(segment.key());
                } else if (change instanceof Change.AttributesDeclared declared) {
                    attributes = declared.attributes();
                }
            }
        }

        NamespaceState build() {
            return new NamespaceState(
                    base.name,
                    base.dimensions,
                    base.createdAt,
                    revision,
                    LayerSet.of(base.dimensions, layers.values()),
                    Map.copyOf(layerRevisions),
                    List.copyOf(schemas),
                    Documents.of(flags),
                    Documents.of(segments),
                    attributes);
        }
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
            compiled = FlagSet.compile(flags.documents(), segments.documents(), attributeSchema())
                    .flagSet();
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
     * The config of {@code scope}, with provenance when {@code explain}; answered from memory after
     * the first time. The memo is keyed by the scope with values no layer names left out, so hosts
     * sending any number of distinct values share one entry per distinct set of matching layers.
     */
    public Resolution resolve(Scope scope, boolean explain) {
        Map<Scope, Resolution> memo = explain ? explained : resolved;
        Scope key = layers.canonical(scope);
        Resolution cached = memo.get(key);
        if (cached != null) {
            return cached;
        }
        Resolution resolution = ConfigResolver.resolve(layers, key, explain);
        if (memo.size() < MAX_MEMOISED_SCOPES) {
            memo.put(key, resolution);
        }
        return resolution;
    }
}
