package io.cascade.server.namespace;

import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LayerSet;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.DeclaredAttributes;
import io.cascade.evaluator.snapshot.Documents;
import io.cascade.evaluator.snapshot.SchemaVersion;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.auth.Actor;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import io.cascade.server.schema.CompiledSchema;
import io.cascade.server.schema.SchemaChange;
import io.cascade.server.schema.SchemaDiff;
import io.cascade.server.store.HeadStore;
import io.cascade.server.store.RevisionRecord;
import io.cascade.server.store.RevisionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write path of namespaces: every mutation plans its changes against the latest snapshot,
 * validates them, and commits them as one revision.
 *
 * <p>NOTES. Under the namespace's lock: catch up with revisions other processes committed, check
 * {@code expectedRevision}, plan and validate against that snapshot, then insert revision N+1. The
 * unique {@code (namespace, revision)} index makes the insert a compare-and-set: if another process
 * took N+1 first, catch up and plan again (or answer {@code CONFLICT} when the caller named the
 * revision it expected). A refused change writes nothing. After the insert, the new snapshot is
 * installed and published ({@link NamespaceSnapshots#committed}), then audited; the answer waits
 * for the write to be durable ({@code DurabilityInterceptor}).
 */
public final class NamespaceWriter {

    private static final int MAX_ATTEMPTS = 20;

    private final NamespaceSnapshots snapshots;
    private final RevisionStore store;
    private final HeadStore heads;
    private final RevisionAudit audit;
    private final CompiledSchemas schemas;
    private final JsonMapper json;
    private final Limits limits;
    private final Clock clock;
    private final ChangeValidator validator;
    private volatile WriteGuard guard = WriteGuard.NONE;

    public NamespaceWriter(
            NamespaceSnapshots snapshots,
            RevisionStore store,
            HeadStore heads,
            RevisionAudit audit,
            CompiledSchemas schemas,
            JsonMapper json,
            Limits limits,
            Clock clock) {
        this.snapshots = snapshots;
        this.store = store;
        this.heads = heads;
        this.audit = audit;
        this.schemas = schemas;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.validator = new ChangeValidator(limits);
    }

    /** What refuses writes that a running rollout holds; set once at start. */
    public void guardWith(WriteGuard guard) {
        this.guard = guard;
    }

    /** The violations {@link #putLayer} would refuse, found the same way, without committing. */
    public List<Violation> validateLayer(String name, Object selectorJson, Object content) {
        Snapshot state = snapshots.head(name);
        Map<String, Object> object = layerContent(content);
        return validator.afterLayerChange(
                compiled(state), layersWith(state, selectorJson, object), selector(state, selectorJson));
    }

    private static Selector selector(Snapshot state, Object selectorJson) {
        return Names.selector(selectorJson, state.dimensions());
    }

    /** The layers after putting {@code content} at the selector, within the layer-count limit. */
    private LayerSet layersWith(Snapshot state, Object selectorJson, Map<String, Object> content) {
        Selector selector = selector(state, selectorJson);
        if (state.layers().get(selector) == null && state.layers().size() >= limits.layersPerNamespace()) {
            throw CascadeException.limit(
                    "layersPerNamespace",
                    limits.layersPerNamespace(),
                    "namespace '" + state.namespace() + "' already has "
                            + state.layers().size() + " layers");
        }
        return state.layers().with(new Layer(selector, content));
    }

    // ---- writes ---------------------------------------------------------------------------

    public Commit createNamespace(String name, List<String> requestedDimensions, Actor actor, String message) {
        Names.requireName("namespace", name);
        requireMessage(message);
        List<String> dimensions = Names.dimensions(requestedDimensions);
        synchronized (snapshots.lock(name)) {
            if (snapshots.held(name) != null || snapshots.catchUp(name) != null) {
                throw CascadeException.conflict("namespace '" + name + "' already exists", Map.of("namespace", name));
            }
            RevisionRecord first = new RevisionRecord(
                    name,
                    1,
                    "namespace.create",
                    actor.name(),
                    actor.keyId(),
                    actor.requestId(),
                    message,
                    clock.instant(),
                    List.of(new Change.NamespaceCreated(dimensions)));
            // The head first: every namespace that exists has one, so start-up finds it without a scan.
            heads.advance(name, 0, false);
            if (!store.insert(first)) {
                snapshots.catchUp(name);
                throw CascadeException.conflict("namespace '" + name + "' already exists", Map.of("namespace", name));
            }
            Snapshot created = Snapshot.created(name, first.toRevision());
            snapshots.committed(first, created);
            audit.committed(actor, null, created, first);
            return commitOf(first);
        }
    }

    public Commit putLayer(
            String name, Object selectorJson, Object content, Integer expectedRevision, Actor actor, String message) {
        Map<String, Object> object = layerContent(content);
        return commit(name, expectedRevision, actor, "layer.put", message, state -> {
            Selector selector = selector(state, selectorJson);
            refuseIfInvalid(
                    validator.afterLayerChange(compiled(state), layersWith(state, selectorJson, object), selector));
            return List.of(new Change.LayerPut(selector.values(), object));
        });
    }

    public Commit deleteLayer(String name, Object selectorJson, Integer expectedRevision, Actor actor, String message) {
        return commit(name, expectedRevision, actor, "layer.delete", message, state -> {
            Selector selector = Names.selector(selectorJson, state.dimensions());
            if (state.layers().get(selector) == null) {
                throw CascadeException.notFound("namespace '" + name + "' has no layer " + selector);
            }
            LayerSet layers = state.layers().without(selector);
            refuseIfInvalid(validator.afterLayerChange(compiled(state), layers, selector));
            return List.of(new Change.LayerDeleted(selector.values()));
        });
    }

    public Commit restoreRevision(String name, int revision, Integer expectedRevision, Actor actor, String message) {
        return commit(name, expectedRevision, actor, "revision.restore", message, state -> {
            if (revision >= state.revision()) {
                throw CascadeException.badInput("can only restore an earlier revision than the latest ("
                        + state.revision() + "), not " + revision);
            }
            Snapshot target = snapshots.at(name, revision);
            refuseIfInvalid(validator.everything(compiled(state), target.layers()));
            DocumentProblems.refuseIfAny(
                    "revision " + revision + "'s flags and segments",
                    FlagSet.compile(
                                    target.flags().documents(),
                                    target.segments().documents(),
                                    state.attributeSchema())
                            .problems());
            return restoreChanges(state, target);
        });
    }

    /** The changes that bring {@code state}'s layers, flags and segments back to {@code target}'s. */
    public static List<Change> restoreChanges(Snapshot state, Snapshot target) {
        List<Change> changes = new ArrayList<>();
        for (Layer layer : state.layers().layers()) {
            if (target.layers().get(layer.selector()) == null) {
                changes.add(new Change.LayerDeleted(layer.selector().values()));
            }
        }
        for (Layer layer : target.layers().layers()) {
            Layer current = state.layers().get(layer.selector());
            if (current == null || !current.content().equals(layer.content())) {
                changes.add(new Change.LayerPut(layer.selector().values(), layer.content()));
            }
        }
        restoreDocuments(state.flags(), target.flags(), changes, Change.FlagPut::new, Change.FlagDeleted::new);
        restoreDocuments(
                state.segments(), target.segments(), changes, Change.SegmentPut::new, Change.SegmentDeleted::new);
        return changes;
    }

    private static void restoreDocuments(
            Documents current,
            Documents target,
            List<Change> changes,
            BiFunction<String, Map<String, Object>, Change> put,
            Function<String, Change> delete) {
        for (Documents.Entry entry : current.entries()) {
            if (!target.contains(entry.key())) {
                changes.add(delete.apply(entry.key()));
            }
        }
        for (Documents.Entry entry : target.entries()) {
            Documents.Entry now = current.get(entry.key());
            if (now == null || !now.document().equals(entry.document())) {
                changes.add(put.apply(entry.key(), entry.document()));
            }
        }
    }

    /**
     * Declares the context attributes flag rules may read, with their types; every existing flag
     * and segment must still compile. An empty declaration makes rules untyped again.
     */
    public Commit putAttributes(
            String name, Object attributesJson, Integer expectedRevision, Actor actor, String message) {
        Map<String, String> attributes = Attributes.parse(attributesJson);
        return commit(name, expectedRevision, actor, "attributes.put", message, state -> {
            DocumentProblems.refuseIfAny(
                    "under these attributes, a flag or segment",
                    FlagSet.compile(
                                    state.flags().documents(),
                                    state.segments().documents(),
                                    DeclaredAttributes.schemaOf(attributes))
                            .problems());
            return List.of(new Change.AttributesDeclared(attributes));
        });
    }

    public SchemaRegistration registerSchema(
            String name, Object schemaJson, Integer expectedRevision, boolean dryRun, Actor actor) {
        Map<String, Object> schema = object("schema", schemaJson);
        if (dryRun) {
            Snapshot state = snapshots.head(name);
            checkExpected(state, expectedRevision);
            Plan plan = planSchema(state, schema);
            return new SchemaRegistration(name, plan.version, false, null, plan.violations, plan.diff);
        }
        Plan[] planned = new Plan[1];
        Commit commit = commit(name, expectedRevision, actor, "schema.register", null, state -> {
            Plan plan = planSchema(state, schema);
            refuseIfInvalid(plan.violations);
            planned[0] = plan;
            return List.of(new Change.SchemaRegistered(plan.version, schema));
        });
        Plan plan = planned[0];
        return new SchemaRegistration(name, plan.version, true, commit.revision(), List.of(), plan.diff);
    }

    private Plan planSchema(Snapshot state, Map<String, Object> schema) {
        CompiledSchema compiled = CompiledSchema.compile(schema, state.dimensions(), json);
        List<Violation> violations = validator.everything(compiled, state.layers());
        SchemaVersion previous = state.schema();
        List<SchemaChange> diff = previous == null ? List.of() : SchemaDiff.compare(previous.source(), schema);
        int version = previous == null ? 1 : previous.version() + 1;
        return new Plan(version, violations, diff);
    }

    private record Plan(int version, List<Violation> violations, List<SchemaChange> diff) {}

    /** Plans a change against a fresh state; throws to refuse it. */
    @FunctionalInterface
    public interface Planner {
        List<Change> plan(Snapshot state);
    }

    /**
     * Commits the changes {@code planner} makes against the latest state, as one revision: the
     * write path every mutation of a namespace goes through (see the class notes).
     */
    public Commit commit(
            String name, Integer expectedRevision, Actor actor, String action, String message, Planner planner) {
        requireMessage(message);
        snapshots.head(name);
        synchronized (snapshots.lock(name)) {
            for (int attempt = 1; ; attempt++) {
                Snapshot state = snapshots.catchUp(name);
                checkExpected(state, expectedRevision);
                List<Change> changes = planner.plan(state);
                guard.check(state, action, changes);
                RevisionRecord record = new RevisionRecord(
                        name,
                        state.revision() + 1,
                        action,
                        actor.name(),
                        actor.keyId(),
                        actor.requestId(),
                        message,
                        clock.instant(),
                        changes);
                if (store.insert(record)) {
                    guard.committed(name, record.revision(), action);
                    Snapshot next = state.apply(record.toRevision());
                    snapshots.committed(record, next);
                    audit.committed(actor, state, next, record);
                    return commitOf(record);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw CascadeException.conflict(
                            "namespace '" + name + "' is changing too fast; try again", Map.of("namespace", name));
                }
            }
        }
    }

    // ---- change lists (rollouts; change requests) ---------------------------------------------

    /** At most this many operations in one change list. */
    public static final int MAX_CHANGES = 100;

    /**
     * A JSON change list ({@code [{"op": "putLayer", "selector": {…}, "content": {…}}, {"op":
     * "deleteLayer", …}, {"op": "putFlag", "flag": {…}}, {"op": "putSegment", "segment": {…}}]}) as
     * changes against {@code state}, each checked for shape and size; {@link #validate} checks them together.
     */
    public List<Change> changes(Snapshot state, Object json) {
        if (!(json instanceof List<?> list) || list.isEmpty()) {
            throw CascadeException.badInput("changes must be a non-empty list of operations");
        }
        if (list.size() > MAX_CHANGES) {
            throw CascadeException.limit(
                    "changes", MAX_CHANGES, "changes has " + list.size() + " operations, more than " + MAX_CHANGES);
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> op = object("changes[" + i + "]", list.get(i));
            Object kind = op.get("op");
            if ("putLayer".equals(kind)) {
                Selector selector = selector(state, op.get("selector"));
                changes.add(new Change.LayerPut(selector.values(), layerContent(op.get("content"))));
            } else if ("deleteLayer".equals(kind)) {
                changes.add(new Change.LayerDeleted(
                        selector(state, op.get("selector")).values()));
            } else if ("putFlag".equals(kind)) {
                Map<String, Object> flag = document("flag document", op.get("flag"));
                changes.add(new Change.FlagPut(documentKey("flag", flag), flag));
            } else if ("putSegment".equals(kind)) {
                Map<String, Object> segment = document("segment document", op.get("segment"));
                changes.add(new Change.SegmentPut(documentKey("segment", segment), segment));
            } else {
                throw CascadeException.badInput(
                        "changes[" + i + "].op must be putLayer, deleteLayer, putFlag or putSegment");
            }
        }
        return changes;
    }

    private static String documentKey(String what, Map<String, Object> document) {
        if (!(document.get("key") instanceof String key)) {
            throw CascadeException.badInput(what + " document needs a string 'key'");
        }
        return Names.requireName(what, key);
    }

    /**
     * Refuses {@code changes} unless the namespace after all of them is valid: every scope against
     * the schema, every flag and segment compiling, within the layer limit. Like the direct writes,
     * all problems, nothing written.
     */
    public void validate(Snapshot state, List<Change> changes) {
        ChangeListCheck check = new ChangeListCheck(state);
        changes.forEach(change -> change.accept(check));
        if (check.layersChanged) {
            refuseIfInvalid(validator.everything(compiled(state), check.layers));
        }
        DocumentProblems.refuseIfAny(
                "after the changes, a flag or segment",
                FlagSet.compile(check.flags.documents(), check.segments.documents(), state.attributeSchema())
                        .problems());
    }

    /** Applies a change list to a copy of the state's layers, flags and segments, refusing what a list may not do. */
    private final class ChangeListCheck implements Change.Visitor<Void> {
        private final Snapshot state;
        private LayerSet layers;
        private Documents flags;
        private Documents segments;
        private boolean layersChanged;

        ChangeListCheck(Snapshot state) {
            this.state = state;
            this.layers = state.layers();
            this.flags = state.flags();
            this.segments = state.segments();
        }

        @Override
        public Void layerPut(Change.LayerPut change) {
            Selector selector = new Selector(change.selector());
            if (layers.get(selector) == null && layers.size() >= limits.layersPerNamespace()) {
                throw CascadeException.limit(
                        "layersPerNamespace", limits.layersPerNamespace(), "the changes add more layers than allowed");
            }
            layers = layers.with(new Layer(selector, change.content()));
            layersChanged = true;
            return null;
        }

        @Override
        public Void layerDeleted(Change.LayerDeleted change) {
            Selector selector = new Selector(change.selector());
            if (layers.get(selector) == null) {
                throw CascadeException.notFound("namespace '" + state.namespace() + "' has no layer " + selector);
            }
            layers = layers.without(selector);
            layersChanged = true;
            return null;
        }

        @Override
        public Void flagPut(Change.FlagPut change) {
            flags = flags.with(change.key(), change.document(), state.revision() + 1);
            return null;
        }

        @Override
        public Void segmentPut(Change.SegmentPut change) {
            segments = segments.with(change.key(), change.document(), state.revision() + 1);
            return null;
        }

        @Override
        public Void namespaceCreated(Change.NamespaceCreated change) {
            throw refused(change);
        }

        @Override
        public Void schemaRegistered(Change.SchemaRegistered change) {
            throw refused(change);
        }

        @Override
        public Void flagDeleted(Change.FlagDeleted change) {
            throw refused(change);
        }

        @Override
        public Void segmentDeleted(Change.SegmentDeleted change) {
            throw refused(change);
        }

        @Override
        public Void attributesDeclared(Change.AttributesDeclared change) {
            throw refused(change);
        }

        private CascadeException refused(Change change) {
            return CascadeException.badInput("a change list may not " + change.action() + " a " + change.kind());
        }
    }

    /** A commit message: at most 1 000 characters, no control characters but newline and tab. */
    static void requireMessage(String message) {
        if (message == null) {
            return;
        }
        if (message.length() > 1000) {
            throw CascadeException.limit(
                    "messageLength",
                    1000,
                    "message is " + message.length() + " characters, more than the limit of 1000");
        }
        if (!Names.isPrintable(message, true)) {
            throw CascadeException.badInput("message contains control or bidi characters");
        }
    }

    private static void checkExpected(Snapshot state, Integer expectedRevision) {
        if (expectedRevision != null && expectedRevision != state.revision()) {
            throw CascadeException.conflict(
                    "namespace '" + state.namespace() + "' is at revision " + state.revision() + ", not the expected "
                            + expectedRevision,
                    Map.of(
                            "namespace",
                            state.namespace(),
                            "expectedRevision",
                            expectedRevision,
                            "currentRevision",
                            state.revision()));
        }
    }

    private static void refuseIfInvalid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw CascadeException.invalid(violations);
        }
    }

    private CompiledSchema compiled(Snapshot state) {
        SchemaVersion schema = state.schema();
        if (schema == null) {
            return null;
        }
        return schemas.of(state.namespace(), schema, state.dimensions());
    }

    /** A flag or segment document, within the same size and depth limits as a layer. */
    public Map<String, Object> document(String what, Object document) {
        return bounded(what, object(what, document), "documentBytes", limits.documentBytes());
    }

    private Map<String, Object> layerContent(Object content) {
        return bounded("layer content", object("content", content), "layerBytes", limits.layerBytes());
    }

    private Map<String, Object> bounded(String what, Map<String, Object> object, String limitName, int maxBytes) {
        int depth = JsonLimits.depth(object);
        if (depth > limits.jsonDepth()) {
            throw CascadeException.limit(
                    "jsonDepth",
                    limits.jsonDepth(),
                    what + " is nested " + depth + " deep, more than the limit of " + limits.jsonDepth());
        }
        if (!JsonLimits.finite(object)) {
            throw CascadeException.badInput(what + " holds a number out of range (JSON numbers must be finite)");
        }
        int bytes = json.writeValueAsBytes(object).length;
        if (bytes > maxBytes) {
            throw CascadeException.limit(
                    limitName, maxBytes, what + " is " + bytes + " bytes, more than the limit of " + maxBytes);
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String what, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw CascadeException.badInput(what + " must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    private static Commit commitOf(RevisionRecord record) {
        return new Commit(
                record.namespace(), record.revision(), record.author(), record.message(), record.committedAt());
    }
}
