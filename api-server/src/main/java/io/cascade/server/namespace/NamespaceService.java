package io.cascade.server.namespace;

import io.cascade.evaluator.config.Layer;
import io.cascade.evaluator.config.LayerSet;
import io.cascade.evaluator.config.Selector;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.server.audit.AuditTrail;
import io.cascade.server.auth.Actor;
import io.cascade.server.auth.Principal;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import io.cascade.server.namespace.RevisionDiff.Kind;
import io.cascade.server.namespace.RevisionDiff.LayerDiff;
import io.cascade.server.namespace.RevisionDiff.PathChange;
import io.cascade.server.schema.CompiledSchema;
import io.cascade.server.schema.SchemaChange;
import io.cascade.server.schema.SchemaDiff;
import io.cascade.server.store.Change;
import io.cascade.server.store.RevisionRecord;
import io.cascade.server.store.RevisionStore;
import io.cascade.server.store.StoreHealth;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Namespaces, read from memory and written through the store.
 *
 * <p>WRITE PATH: under a per-namespace lock, catch up with revisions other replicas committed,
 * check {@code expectedRevision}, plan and validate the change against that state, then insert
 * revision N+1. The unique {@code (namespace, revision)} index makes the insert a compare-and-set:
 * if another process took N+1 first, catch up and plan again (or answer {@code CONFLICT} when the
 * caller named the revision it expected). A refused change writes nothing.
 */
public final class NamespaceService {

    private static final Logger log = LoggerFactory.getLogger(NamespaceService.class);
    private static final int MAX_ATTEMPTS = 20;
    private static final int PAST_STATES_KEPT = 64;
    /** One full page of {@code history}: what it can answer from memory while the store is down. */
    private static final int RECENT_REVISIONS_KEPT = 100;

    private final RevisionStore store;
    private final JsonMapper json;
    private final Limits limits;
    private final Clock clock;
    private final ChangeValidator validator;
    private final AuditTrail audit;
    private final Set<String> unaudited = ConcurrentHashMap.newKeySet();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, NamespaceState> heads = new ConcurrentHashMap<>();
    private final RecentRevisions recent = new RecentRevisions(RECENT_REVISIONS_KEPT);
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, NamespaceState> pastStates =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, NamespaceState> eldest) {
                    return size() > PAST_STATES_KEPT;
                }
            });

    public NamespaceService(RevisionStore store, AuditTrail audit, JsonMapper json, Limits limits, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.validator = new ChangeValidator(limits);
    }

    /** Registers a listener for revisions this process commits. */
    public void onCommit(CommitListener listener) {
        listeners.add(listener);
    }

    private void notifyCommitted(RevisionRecord record, NamespaceState state) {
        for (CommitListener listener : listeners) {
            try {
                listener.committed(record, state);
            } catch (RuntimeException e) {
                log.warn(
                        "Commit listener failed for {} revision {}: {}",
                        record.namespace(),
                        record.revision(),
                        e.toString());
            }
        }
    }

    /** Replays every revision in the store; called once at start. */
    public void load() {
        long start = System.nanoTime();
        List<RevisionRecord> records = store.loadAll();
        long read = System.nanoTime();
        int first = 0;
        for (int i = 1; i <= records.size(); i++) {
            boolean boundary = i == records.size()
                    || !records.get(i).namespace().equals(records.get(first).namespace());
            if (boundary) {
                replayInto(records.subList(first, i));
                first = i;
            }
        }
        int count = records.size();
        log.info(
                "Loaded {} namespace(s) from {} revision(s) in {} ms ({} ms reading the store)",
                heads.size(),
                count,
                (System.nanoTime() - start) / 1_000_000,
                (read - start) / 1_000_000);
        for (NamespaceState head : heads.values()) {
            auditUnauditedRevisions(head);
        }
    }

    /** Replays one namespace's revisions; one that does not start with its creation is skipped. */
    private void replayInto(List<RevisionRecord> namespaceRecords) {
        RevisionRecord first = namespaceRecords.get(0);
        if (first.revision() != 1) {
            log.error("Namespace {} has no revision 1 in the store; skipped", first.namespace());
            return;
        }
        heads.put(first.namespace(), NamespaceState.replay(namespaceRecords));
        recent.addAll(namespaceRecords);
    }

    /**
     * Appends the audit entry of a revision just committed. The revision stands whatever happens
     * here, so a failure is logged and the entry is recorded later by the repair, never thrown at a
     * caller whose change is already committed.
     */
    private void auditCommitted(
            String name, Actor actor, NamespaceState before, NamespaceState after, RevisionRecord record) {
        try {
            audit.append(name, actor, AuditEvents.of(before, after, record), record.committedAt());
        } catch (RuntimeException e) {
            unaudited.add(name);
            log.error(
                    "Could not audit revision {} of {}; it will be recorded by the repair: {}",
                    record.revision(),
                    name,
                    e.toString());
        }
    }

    /**
     * Records revisions whose audit entry was never written (the process stopped, or the store
     * failed, between the commit and the audit append), so the chain covers every revision again.
     * Such entries say so in their message and carry no before/after.
     */
    private void auditUnauditedRevisions(NamespaceState head) {
        Set<Integer> audited = audit.auditedRevisions(head.name());
        if (audited.size() >= head.revision()) {
            return;
        }
        for (RevisionRecord record : store.load(head.name(), 0, head.revision())) {
            if (audited.contains(record.revision())) {
                continue;
            }
            Actor author = new Actor(
                    new Principal(
                            record.authorKeyId() == null ? "unknown" : record.authorKeyId(),
                            record.author(),
                            true,
                            null,
                            null,
                            null),
                    record.requestId());
            audit.append(
                    head.name(),
                    author,
                    new AuditTrail.Event(
                            record.action(),
                            record.revision(),
                            AuditEvents.targets(record),
                            null,
                            null,
                            "recorded by the audit repair; before/after not kept"
                                    + (record.message() == null ? "" : ": " + record.message())),
                    record.committedAt());
            log.warn("Audited revision {} of {} by the repair", record.revision(), head.name());
        }
    }

    /**
     * Picks up revisions that other processes committed — one aggregation for the latest revision
     * of every namespace, then a read only for the namespaces this process is behind on — and
     * records revisions whose audit append failed here.
     */
    public void refresh() {
        for (Map.Entry<String, Integer> latest : store.latestRevisions().entrySet()) {
            String name = latest.getKey();
            NamespaceState held = heads.get(name);
            boolean behind = held == null || held.revision() < latest.getValue();
            if (!behind && !unaudited.contains(name)) {
                continue;
            }
            synchronized (lock(name)) {
                NamespaceState state = catchUp(name);
                if (state != null && unaudited.remove(name)) {
                    auditUnauditedRevisions(state);
                }
            }
        }
    }

    // ---- reads ----------------------------------------------------------------------------

    /** Names of every namespace, sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>(heads.keySet());
        Collections.sort(names);
        return names;
    }

    /**
     * The latest state this process knows. A namespace another replica created is looked up in
     * the store before it is called missing.
     */
    public NamespaceState head(String name) {
        NamespaceState state = heads.get(name);
        if (state != null) {
            return state;
        }
        if (name != null && Names.isName(name)) {
            synchronized (lock(name)) {
                state = catchUp(name);
            }
        }
        if (state == null) {
            throw CascadeException.notFound("namespace '" + name + "' does not exist");
        }
        return state;
    }

    /** The namespace as of {@code revision}, or the latest when {@code revision} is null. */
    public NamespaceState at(String name, Integer revision) {
        NamespaceState head = head(name);
        if (revision == null || revision == head.revision()) {
            return head;
        }
        if (revision > head.revision()) {
            synchronized (lock(name)) {
                head = catchUp(name);
            }
            if (revision == head.revision()) {
                return head;
            }
        }
        if (revision < 1 || revision > head.revision()) {
            throw CascadeException.notFound(
                    "namespace '" + name + "' has revisions 1 to " + head.revision() + ", not " + revision);
        }
        String key = name + "@" + revision;
        NamespaceState cached = pastStates.get(key);
        if (cached != null) {
            return cached;
        }
        NamespaceState nearest = nearestCachedBefore(name, revision);
        NamespaceState state = nearest == null
                ? NamespaceState.replay(store.load(name, 0, revision))
                : nearest.applyAll(store.load(name, nearest.revision(), revision));
        pastStates.put(key, state);
        return state;
    }

    /** The cached past state of {@code name} closest below {@code revision}, or null. */
    private NamespaceState nearestCachedBefore(String name, int revision) {
        NamespaceState nearest = null;
        synchronized (pastStates) {
            for (NamespaceState state : pastStates.values()) {
                if (state.name().equals(name)
                        && state.revision() < revision
                        && (nearest == null || state.revision() > nearest.revision())) {
                    nearest = state;
                }
            }
        }
        return nearest;
    }

    /**
     * Up to {@code limit} revisions older than {@code beforeRevision}, newest first, read from the
     * store so that every replica answers alike. While the store is down, the newest revisions this
     * process holds answer instead (a page may then stop short where they begin); older ones are
     * {@code STORE_UNAVAILABLE}.
     */
    public List<RevisionRecord> history(String name, int beforeRevision, int limit) {
        head(name);
        if (limit == 0) {
            return List.of();
        }
        try {
            return store.loadNewestFirst(name, beforeRevision, limit);
        } catch (RuntimeException e) {
            if (!StoreHealth.isOutage(e)) {
                throw e;
            }
            return recent.newestFirst(name, beforeRevision, limit).orElseThrow(StoreHealth::unavailable);
        }
    }

    public RevisionDiff diff(String name, int from, Integer to) {
        NamespaceState before = at(name, from);
        NamespaceState after = at(name, to);
        List<String> dimensions = after.dimensions();
        Set<Selector> selectors = new LinkedHashSet<>(before.layers().asMap().keySet());
        selectors.addAll(after.layers().asMap().keySet());
        List<LayerDiff> layers = new ArrayList<>();
        for (Selector selector : selectors) {
            Layer old = before.layers().get(selector);
            Layer now = after.layers().get(selector);
            Map<String, Object> oldContent = old == null ? Map.of() : old.content();
            Map<String, Object> newContent = now == null ? Map.of() : now.content();
            List<PathChange> changes = JsonDiff.between(oldContent, newContent);
            Kind kind = old == null ? Kind.ADDED : now == null ? Kind.REMOVED : Kind.MODIFIED;
            if (kind != Kind.MODIFIED || !changes.isEmpty()) {
                layers.add(new LayerDiff(Names.toJson(selector, dimensions), kind, changes));
            }
        }
        boolean schemaChanged = !Objects.equals(version(before.schema()), version(after.schema()));
        return new RevisionDiff(
                name,
                before.revision(),
                after.revision(),
                layers,
                documentDiffs(before.flags(), after.flags()),
                documentDiffs(before.segments(), after.segments()),
                schemaChanged);
    }

    private static List<RevisionDiff.DocumentDiff> documentDiffs(Documents before, Documents after) {
        Set<String> keys = new TreeSet<>();
        before.entries().forEach(entry -> keys.add(entry.key()));
        after.entries().forEach(entry -> keys.add(entry.key()));
        List<RevisionDiff.DocumentDiff> out = new ArrayList<>();
        for (String key : keys) {
            Documents.Entry old = before.get(key);
            Documents.Entry now = after.get(key);
            List<PathChange> changes =
                    JsonDiff.between(old == null ? Map.of() : old.document(), now == null ? Map.of() : now.document());
            Kind kind = old == null ? Kind.ADDED : now == null ? Kind.REMOVED : Kind.MODIFIED;
            if (kind != Kind.MODIFIED || !changes.isEmpty()) {
                out.add(new RevisionDiff.DocumentDiff(key, kind, changes));
            }
        }
        return out;
    }

    /** The violations {@link #putLayer} would refuse, found the same way, without committing. */
    public List<Violation> validateLayer(String name, Object selectorJson, Object content) {
        NamespaceState state = head(name);
        Map<String, Object> object = layerContent(content);
        return validator.afterLayerChange(
                compiled(state), layersWith(state, selectorJson, object), selector(state, selectorJson));
    }

    private static Selector selector(NamespaceState state, Object selectorJson) {
        return Names.selector(selectorJson, state.dimensions());
    }

    /** The layers after putting {@code content} at the selector, within the layer-count limit. */
    private LayerSet layersWith(NamespaceState state, Object selectorJson, Map<String, Object> content) {
        Selector selector = selector(state, selectorJson);
        if (state.layers().get(selector) == null && state.layers().size() >= limits.layersPerNamespace()) {
            throw CascadeException.limit(
                    "layersPerNamespace",
                    limits.layersPerNamespace(),
                    "namespace '" + state.name() + "' already has "
                            + state.layers().size() + " layers");
        }
        return state.layers().with(new Layer(selector, content));
    }

    // ---- writes ---------------------------------------------------------------------------

    public Commit createNamespace(String name, List<String> requestedDimensions, Actor actor, String message) {
        Names.requireName("namespace", name);
        requireMessage(message);
        List<String> dimensions = Names.dimensions(requestedDimensions);
        synchronized (lock(name)) {
            if (heads.containsKey(name) || catchUp(name) != null) {
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
            if (!store.insert(first)) {
                catchUp(name);
                throw CascadeException.conflict("namespace '" + name + "' already exists", Map.of("namespace", name));
            }
            NamespaceState created = NamespaceState.created(first);
            heads.put(name, created);
            recent.add(first);
            auditCommitted(name, actor, null, created, first);
            notifyCommitted(first, created);
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
            NamespaceState target = at(name, revision);
            refuseIfInvalid(validator.everything(compiled(state), target.layers()));
            DocumentProblems.refuseIfAny(
                    "revision " + revision + "'s flags and segments",
                    FlagSet.compile(
                                    target.flags().documents(),
                                    target.segments().documents(),
                                    state.attributeSchema())
                            .problems());
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
        });
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
                                    Attributes.schemaOf(attributes))
                            .problems());
            return List.of(new Change.AttributesDeclared(attributes));
        });
    }

    public SchemaRegistration registerSchema(
            String name, Object schemaJson, Integer expectedRevision, boolean dryRun, Actor actor) {
        Map<String, Object> schema = object("schema", schemaJson);
        if (dryRun) {
            NamespaceState state = head(name);
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

    private Plan planSchema(NamespaceState state, Map<String, Object> schema) {
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
        List<Change> plan(NamespaceState state);
    }

    /**
     * Commits the changes {@code planner} makes against the latest state, as one revision: the
     * write path every mutation of a namespace goes through (see the class notes).
     */
    public Commit commit(
            String name, Integer expectedRevision, Actor actor, String action, String message, Planner planner) {
        requireMessage(message);
        head(name);
        synchronized (lock(name)) {
            for (int attempt = 1; ; attempt++) {
                NamespaceState state = catchUp(name);
                checkExpected(state, expectedRevision);
                List<Change> changes = planner.plan(state);
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
                    NamespaceState next = state.apply(record);
                    heads.put(name, next);
                    recent.add(record);
                    auditCommitted(name, actor, state, next, record);
                    notifyCommitted(record, next);
                    return commitOf(record);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw CascadeException.conflict(
                            "namespace '" + name + "' is changing too fast; try again", Map.of("namespace", name));
                }
            }
        }
    }

    /** Applies revisions newer than the one held; the caller holds the namespace's lock. */
    private NamespaceState catchUp(String name) {
        NamespaceState state = heads.get(name);
        int held = state == null ? 0 : state.revision();
        List<RevisionRecord> newer = store.loadAfter(name, held);
        if (newer.isEmpty()) {
            return state;
        }
        state = state == null ? NamespaceState.replay(newer) : state.applyAll(newer);
        heads.put(name, state);
        recent.addAll(newer);
        return state;
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

    private static void checkExpected(NamespaceState state, Integer expectedRevision) {
        if (expectedRevision != null && expectedRevision != state.revision()) {
            throw CascadeException.conflict(
                    "namespace '" + state.name() + "' is at revision " + state.revision() + ", not the expected "
                            + expectedRevision,
                    Map.of(
                            "namespace",
                            state.name(),
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

    private CompiledSchema compiled(NamespaceState state) {
        SchemaVersion schema = state.schema();
        if (schema == null) {
            return null;
        }
        return schema.compiled(source -> CompiledSchema.compile(source, state.dimensions(), json));
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

    private Object lock(String name) {
        return locks.computeIfAbsent(name, key -> new Object());
    }

    private static Integer version(SchemaVersion schema) {
        return schema == null ? null : schema.version();
    }

    private static Commit commitOf(RevisionRecord record) {
        return new Commit(
                record.namespace(), record.revision(), record.author(), record.message(), record.committedAt());
    }
}
