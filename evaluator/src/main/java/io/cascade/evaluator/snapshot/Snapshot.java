package io.cascade.evaluator.snapshot;

import io.cascade.evaluator.config.ConfigResolver;
import io.cascade.evaluator.config.Json;
import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LayerSet;
import io.cascade.evaluator.config.Resolution;
import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.internal.PersistentMap;
import io.cascade.rules.AttributeSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A namespace as of one revision: dimensions, layers, schema versions, flags, segments and declared
 * attributes. What the server serves and a host holds; both apply revisions to it with the same
 * code, so they agree on every answer.
 *
 * <p>Immutable and thread-safe. {@link #apply} returns the next snapshot and shares everything a
 * revision did not change with this one: a one-layer change of a namespace with 10 000 layers
 * copies a few small arrays. Resolutions of scopes and the compiled flags are worked out on first
 * use and kept, which is safe because the snapshot never changes.
 */
public final class Snapshot {

    private static final int MAX_MEMOISED_SCOPES = 10_000;

    private final String namespace;
    private final List<String> dimensions;
    private final Instant createdAt;
    private final int revision;
    private final LayerSet layers;
    private final PersistentMap<Selector, Integer> layerRevisions;
    private final List<SchemaVersion> schemas;
    private final Documents flags;
    private final Documents segments;
    private final Map<String, String> attributes;
    private final Map<Scope, Resolution> resolved = new ConcurrentHashMap<>();
    private final Map<Scope, Resolution> explained = new ConcurrentHashMap<>();
    private volatile FlagSet flagSet;
    private volatile AttributeSchema attributeSchema;

    private Snapshot(
            String namespace,
            List<String> dimensions,
            Instant createdAt,
            int revision,
            LayerSet layers,
            PersistentMap<Selector, Integer> layerRevisions,
            List<SchemaVersion> schemas,
            Documents flags,
            Documents segments,
            Map<String, String> attributes) {
        this.namespace = namespace;
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

    /** The snapshot revision 1 makes: it must create the namespace. */
    public static Snapshot created(String namespace, Revision first) {
        Objects.requireNonNull(namespace, "namespace");
        if (first.number() != 1
                || first.changes().isEmpty()
                || !(first.changes().get(0) instanceof Change.NamespaceCreated created)) {
            throw new IllegalArgumentException("revision 1 of " + namespace + " does not create it");
        }
        List<String> dimensions = created.dimensions();
        Snapshot empty = new Snapshot(
                namespace,
                dimensions,
                first.committedAt(),
                0,
                LayerSet.empty(dimensions),
                PersistentMap.empty(),
                List.of(),
                Documents.EMPTY,
                Documents.EMPTY,
                Map.of());
        return empty.apply(first);
    }

    /** The snapshot after {@code revisions}, revisions 1 to n of one namespace in order. */
    public static Snapshot replay(String namespace, List<Revision> revisions) {
        if (revisions.isEmpty()) {
            throw new IllegalArgumentException("no revisions of " + namespace);
        }
        return created(namespace, revisions.get(0)).applyAll(revisions.subList(1, revisions.size()));
    }

    /**
     * A snapshot from its parts, as a stored copy holds them: for loading, not for building
     * (build by {@link #apply}). The caller vouches that the parts belong together.
     */
    public static Snapshot of(
            String namespace,
            List<String> dimensions,
            Instant createdAt,
            int revision,
            List<Layer> layers,
            Map<Selector, Integer> layerRevisions,
            List<SchemaVersion> schemas,
            Documents flags,
            Documents segments,
            Map<String, String> attributes) {
        PersistentMap<Selector, Integer> revisions = PersistentMap.empty();
        LayerSet set = LayerSet.empty(dimensions);
        for (Layer layer : layers) {
            set = set.with(new Layer(layer.selector(), Json.freezeObject(layer.content())));
            Integer at = layerRevisions.get(layer.selector());
            if (at == null) {
                throw new IllegalArgumentException("layer " + layer.selector() + " has no revision");
            }
            revisions = revisions.with(layer.selector(), at);
        }
        return new Snapshot(
                namespace,
                List.copyOf(dimensions),
                createdAt,
                revision,
                set,
                revisions,
                List.copyOf(schemas),
                flags,
                segments,
                Map.copyOf(attributes));
    }

    /** The snapshot after {@code next}, which must be the next revision. */
    public Snapshot apply(Revision next) {
        if (next.number() != revision + 1) {
            throw new IllegalArgumentException(
                    namespace + ": cannot apply revision " + next.number() + " on top of " + revision);
        }
        Builder builder = new Builder(this, next);
        for (Change change : next.changes()) {
            change.accept(builder);
        }
        return builder.build();
    }

    /** The snapshot after {@code revisions}, consecutive revisions starting with the next one. */
    public Snapshot applyAll(List<Revision> revisions) {
        Snapshot snapshot = this;
        for (Revision next : revisions) {
            snapshot = snapshot.apply(next);
        }
        return snapshot;
    }

    /** Applies one revision's changes, one visitor method per kind. */
    private static final class Builder implements Change.Visitor<Void> {
        private final Snapshot base;
        private final Revision revision;
        private LayerSet layers;
        private PersistentMap<Selector, Integer> layerRevisions;
        private final List<SchemaVersion> schemas;
        private Documents flags;
        private Documents segments;
        private Map<String, String> attributes;

        Builder(Snapshot base, Revision revision) {
            this.base = base;
            this.revision = revision;
            this.layers = base.layers;
            this.layerRevisions = base.layerRevisions;
            this.schemas = new ArrayList<>(base.schemas);
            this.flags = base.flags;
            this.segments = base.segments;
            this.attributes = base.attributes;
        }

        @Override
        public Void namespaceCreated(Change.NamespaceCreated change) {
            if (revision.number() != 1) {
                throw new IllegalArgumentException(
                        base.namespace + ": revision " + revision.number() + " creates the namespace again");
            }
            return null;
        }

        @Override
        public Void layerPut(Change.LayerPut change) {
            Selector selector = new Selector(change.selector());
            layers = layers.with(new Layer(selector, Json.freezeObject(change.content())));
            layerRevisions = layerRevisions.with(selector, revision.number());
            return null;
        }

        @Override
        public Void layerDeleted(Change.LayerDeleted change) {
            Selector selector = new Selector(change.selector());
            layers = layers.without(selector);
            layerRevisions = layerRevisions.without(selector);
            return null;
        }

        @Override
        public Void schemaRegistered(Change.SchemaRegistered change) {
            schemas.add(new SchemaVersion(
                    change.version(),
                    revision.number(),
                    Json.freezeObject(change.schema()),
                    revision.author(),
                    revision.committedAt()));
            return null;
        }

        @Override
        public Void flagPut(Change.FlagPut change) {
            flags = flags.with(change.key(), change.document(), revision.number());
            return null;
        }

        @Override
        public Void flagDeleted(Change.FlagDeleted change) {
            flags = flags.without(change.key());
            return null;
        }

        @Override
        public Void segmentPut(Change.SegmentPut change) {
            segments = segments.with(change.key(), change.document(), revision.number());
            return null;
        }

        @Override
        public Void segmentDeleted(Change.SegmentDeleted change) {
            segments = segments.without(change.key());
            return null;
        }

        @Override
        public Void attributesDeclared(Change.AttributesDeclared change) {
            attributes = change.attributes();
            return null;
        }

        Snapshot build() {
            return new Snapshot(
                    base.namespace,
                    base.dimensions,
                    base.createdAt,
                    revision.number(),
                    layers,
                    layerRevisions,
                    schemas.size() == base.schemas.size() ? base.schemas : List.copyOf(schemas),
                    flags,
                    segments,
                    attributes);
        }
    }

    public String namespace() {
        return namespace;
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

    /** The revision that last set the layer at {@code selector}; 0 when there is none. */
    public int layerRevision(Selector selector) {
        Integer at = layerRevisions.get(selector);
        return at == null ? 0 : at;
    }

    /** Every schema version, oldest first. */
    public List<SchemaVersion> schemas() {
        return schemas;
    }

    /** The current schema version, or {@code null} when none is registered. */
    public SchemaVersion schema() {
        return schemas.isEmpty() ? null : schemas.get(schemas.size() - 1);
    }

    /** Flag documents by key. */
    public Documents flags() {
        return flags;
    }

    /** Segment documents by key. */
    public Documents segments() {
        return segments;
    }

    /** The declared context attributes, path to type name; empty when none are declared. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** What flag rules are checked against: the declared attributes (plus targetingKey), or untyped. */
    public AttributeSchema attributeSchema() {
        AttributeSchema schema = attributeSchema;
        if (schema == null) {
            schema = DeclaredAttributes.schemaOf(attributes);
            attributeSchema = schema;
        }
        return schema;
    }

    /** The flags and segments compiled for evaluation; compiled once per snapshot, on first use. */
    public FlagSet flagSet() {
        FlagSet compiled = flagSet;
        if (compiled == null) {
            compiled = FlagSet.compile(flags.documents(), segments.documents(), attributeSchema())
                    .flagSet();
            flagSet = compiled;
        }
        return compiled;
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

    @Override
    public String toString() {
        return namespace + "@" + revision;
    }
}
