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
import io.cascade.server.audit.AuditTrail;
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
 * <p>NOTES. Under the namespace's lock: take the snapshot held (catching up with revisions other
 * processes committed first only when the caller expects another revision), check {@code
 * expectedRevision}, plan and validate against that snapshot, then insert revision N+1. The unique
 * {@code (namespace, revision)} index makes the insert a compare-and-set: if another process took
 * N+1 first, catch up and plan again (or answer {@code CONFLICT} when the caller named the revision
 * it expected). A refused change writes nothing. After the insert, the new snapshot is
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
    private final WriteGuard guard;
    private final ChangeSets changeSets;
    private volatile RolloutLock rolloutLock = RolloutLock.NONE;

    public NamespaceWriter(
            NamespaceSnapshots snapshots,
            RevisionStore store,
            HeadStore heads,
            RevisionAudit audit,
            CompiledSchemas schemas,
            JsonMapper json,
            Limits limits,
            Clock clock,
            WriteGuard guard) {
        this.guard = guard;
        this.snapshots = snapshots;
        this.store = store;
        this.heads = heads;
        this.audit = audit;
        this.schemas = schemas;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.validator = new ChangeValidator(limits);
        this.changeSets = new ChangeSets(validator, limits, json, this::compiled);
    }

    /** What refuses writes that a running rollout holds; set once at start. */
    public void lockWith(RolloutLock lock) {
        this.rolloutLock = lock;
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

    /**
     * The changes a JSON list of operations ({@link ChangeOperations}) makes against {@code state},
     * validated together as one revision; throws with the same codes and violations as the direct
     * writes would.
     */
    public List<Change> planChanges(Snapshot state, Object changesJson) {
        List<Change> changes = ChangeOperations.parse(changesJson, state, this);
        changeSets.validate(state, changes);
        return changes;
    }

    /** The state {@code changes} (already planned) lead to from {@code state}, without validating them again. */
    public Snapshot after(Snapshot state, List<Change> changes) {
        return state.apply(
                new io.cascade.evaluator.snapshot.Revision(state.revision() + 1, clock.instant(), "plan", changes));
    }

    /** The violations {@link #commitChanges} would refuse, found the same way, without committing. */
    public List<Violation> validateChanges(String name, Object changesJson) {
        try {
            planChanges(snapshots.head(name), changesJson);
            return List.of();
        } catch (CascadeException e) {
            if (e.violations().isEmpty()) {
                throw e;
            }
            return e.violations();
        }
    }

    /** Commits every change of a JSON list of operations as one revision, or none of them. */
    public Commit commitChanges(
            String name, Object changesJson, Integer expectedRevision, Actor actor, String message) {
        return commit(
                name, expectedRevision, actor, "changes.commit", message, state -> planChanges(state, changesJson));
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
        return commit(name, expectedRevision, actor, action, message, planner, true);
    }

    /**
     * Commits like {@link #commit}, without the {@link WriteGuard}'s check for protected
     * environments: for changes whose approvals {@code planner} checks itself against the state it
     * is given (an approved change request).
     */
    public Commit commitApproved(
            String name, Integer expectedRevision, Actor actor, String action, String message, Planner planner) {
        return commit(name, expectedRevision, actor, action, message, planner, false);
    }

    private Commit commit(
            String name,
            Integer expectedRevision,
            Actor actor,
            String action,
            String message,
            Planner planner,
            boolean guarded) {
        requireMessage(message);
        snapshots.head(name);
        synchronized (snapshots.lock(name)) {
            for (int attempt = 1; ; attempt++) {
                Snapshot state = attempt == 1 ? heldAsExpected(name, expectedRevision) : null;
                if (state == null) {
                    state = snapshots.catchUp(name);
                }
                checkExpected(state, expectedRevision);
                List<Change> changes = planner.plan(state);
                rolloutLock.check(state, action, changes);
                List<AuditTrail.Event> alsoAudited =
                        guarded ? guard.check(state, changes, actor, state.revision() + 1) : List.of();
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
                    rolloutLock.committed(name, record.revision(), action);
                    Snapshot next = state.apply(record.toRevision());
                    snapshots.committed(record, next);
                    audit.committed(actor, state, next, record);
                    audit.also(name, actor, alsoAudited);
                    return commitOf(record);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw CascadeException.conflict(
                            "namespace '" + name + "' is changing too fast; try again", Map.of("namespace", name));
                }
            }
        }
    }

    /**
     * The snapshot held, when a first attempt may plan on it without asking the store: the insert
     * is the compare-and-set, so a snapshot another process has moved past only costs a second
     * attempt. Null when the caller expects a revision other than the one held.
     */
    private Snapshot heldAsExpected(String name, Integer expectedRevision) {
        Snapshot held = snapshots.held(name);
        if (held == null || (expectedRevision != null && expectedRevision != held.revision())) {
            return null;
        }
        return held;
    }

    /** Validates {@code changes} against {@code state} together, as one revision would; throws to refuse them. */
    public void validate(Snapshot state, List<Change> changes) {
        changeSets.validate(state, changes);
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

    Map<String, Object> layerContent(Object content) {
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
