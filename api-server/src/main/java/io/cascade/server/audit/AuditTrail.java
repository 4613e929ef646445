package io.cascade.server.audit;

import io.cascade.server.auth.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and verifies the per-namespace hash chains. Each entry's hash is SHA-256 over its
 * canonical content, which includes the previous entry's hash; the unique {@code (namespace,
 * sequence)} index keeps concurrent writers, in this process or another, from forking a chain.
 */
public final class AuditTrail {

    /** The chain of platform-wide actions (keys without a namespace). */
    public static final String PLATFORM = "_platform";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditTrail.class);

    private static final int MAX_ATTEMPTS = 20;
    private static final int MAX_VALUE_BYTES = 1024 * 1024;

    private final AuditStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** The newest entry of each chain this process appended to; only a starting point, checked on use. */
    private final Map<String, AuditEntry> heads = new ConcurrentHashMap<>();

    private final List<Consumer<String>> appendListeners = new CopyOnWriteArrayList<>();

    public AuditTrail(AuditStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** What to record; target, before and after are JSON values (maps, lists, scalars) or null. */
    public record Event(String action, Integer revision, Object target, Object before, Object after, String message) {}

    public AuditEntry append(String namespace, Actor actor, Event event) {
        return append(namespace, actor, event, clock.instant());
    }

    /**
     * Calls {@code listener} with the namespace after each entry this process appends, outside the
     * chain's lock; it must not block. A listener that throws is logged and the append stands.
     */
    public void onAppend(Consumer<String> listener) {
        appendListeners.add(listener);
    }

    /** Appends with a given time: used when recording a revision at the time it was committed. */
    public AuditEntry append(String namespace, Actor actor, Event event, Instant at) {
        AuditEntry appended = appendLocked(namespace, actor, event, at);
        for (Consumer<String> listener : appendListeners) {
            try {
                listener.accept(namespace);
            } catch (RuntimeException e) {
                log.warn("An audit listener failed for {}: {}", namespace, e.toString());
            }
        }
        return appended;
    }

    private AuditEntry appendLocked(String namespace, Actor actor, Event event, Instant at) {
        synchronized (locks.computeIfAbsent(namespace, key -> new Object())) {
            AuditEntry last = latest(namespace);
            for (int attempt = 1; ; attempt++) {
                AuditEntry entry = new AuditEntry(
                        namespace,
                        last == null ? 1 : last.sequence() + 1,
                        event.action(),
                        actor.keyId(),
                        actor.name(),
                        at,
                        event.revision(),
                        actor.requestId(),
                        text(event.target()),
                        text(event.before()),
                        text(event.after()),
                        event.message(),
                        last == null ? AuditEntry.GENESIS : last.hash(),
                        null);
                AuditEntry sealed = entry.sealed(hash(entry));
                if (store.insert(sealed)) {
                    heads.put(namespace, sealed);
                    return sealed;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("audit chain of " + namespace + " is contended");
                }
                last = newerThan(namespace, last);
            }
        }
    }

    /**
     * The newest entry this process knows: the whole chain is searched only the first time. It may
     * be behind when another process appended since; then the insert finds its sequence taken.
     */
    private AuditEntry latest(String namespace) {
        AuditEntry known = heads.get(namespace);
        return known == null ? store.last(namespace) : known;
    }

    /** The newest entry at or after {@code known}: other processes may have appended since. */
    private AuditEntry newerThan(String namespace, AuditEntry known) {
        if (known == null) {
            return store.last(namespace);
        }
        AuditEntry newest = known;
        for (AuditEntry next = store.find(namespace, newest.sequence() + 1);
                next != null;
                next = store.find(namespace, newest.sequence() + 1)) {
            newest = next;
        }
        return newest;
    }

    /** Up to {@code limit} entries of the chain after {@code afterSequence}, oldest first. */
    public List<AuditEntry> entriesAfter(String namespace, int afterSequence, int limit) {
        return store.loadAfter(namespace, afterSequence, limit);
    }

    /** The sequence number of the chain's newest entry; 0 for an empty chain. */
    public int lastSequence(String namespace) {
        AuditEntry last = store.last(namespace);
        return last == null ? 0 : last.sequence();
    }

    public List<AuditEntry> page(
            String namespace,
            int beforeSequence,
            int limit,
            String actor,
            String action,
            Instant since,
            Instant until) {
        return store.page(namespace, beforeSequence, limit, actor, action, since, until);
    }

    /** The revisions this chain has entries for. */
    public Set<Integer> auditedRevisions(String namespace) {
        return store.auditedRevisions(namespace);
    }

    /**
     * Walks the chain from the start: each sequence number in turn, each hash recomputed, each
     * link to its predecessor, and, when {@code headRevision > 0}, an entry for every revision.
     */
    public Verification verify(String namespace, int headRevision) {
        List<AuditEntry> chain = store.chain(namespace);
        String previous = AuditEntry.GENESIS;
        Set<Integer> revisions = new HashSet<>();
        int expected = 1;
        for (AuditEntry entry : chain) {
            if (entry.sequence() != expected) {
                return Verification.broken(
                        namespace,
                        chain.size(),
                        expected,
                        "entry " + expected + " is missing (next present is " + entry.sequence() + ")");
            }
            if (!entry.previousHash().equals(previous)) {
                return Verification.broken(
                        namespace,
                        chain.size(),
                        entry.sequence(),
                        "entry " + entry.sequence() + " does not link to the hash of entry " + (expected - 1));
            }
            if (entry.hash() == null || !entry.hash().equals(hash(entry))) {
                return Verification.broken(
                        namespace,
                        chain.size(),
                        entry.sequence(),
                        "entry " + entry.sequence() + " was altered: its content does not match its hash");
            }
            if (entry.revision() != null) {
                revisions.add(entry.revision());
            }
            previous = entry.hash();
            expected++;
        }
        for (int revision = 1; revision <= headRevision; revision++) {
            if (!revisions.contains(revision)) {
                return Verification.broken(
                        namespace,
                        chain.size(),
                        null,
                        "revision " + revision + " has no audit entry (entries were removed)");
            }
        }
        return new Verification(namespace, true, chain.size(), null, null, chain.isEmpty() ? null : previous);
    }

    /**
     * The JSON text of a value; one larger than {@link #MAX_VALUE_BYTES} (a restore of many large
     * layers, say) is replaced by its size and SHA-256, so an entry always fits in a document. The
     * revision itself keeps the full content.
     */
    private String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = json.writeValueAsString(value);
        if (text.length() <= MAX_VALUE_BYTES) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return json.writeValueAsString(Map.of(
                "omitted",
                "larger than " + MAX_VALUE_BYTES + " bytes; see the revision",
                "bytes",
                bytes.length,
                "sha256",
                sha256(bytes)));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    static String hash(AuditEntry entry) {
        return sha256(entry.canonical().getBytes(StandardCharsets.UTF_8));
    }

    /** The result of walking a chain. */
    public record Verification(
            String namespace, boolean valid, int entries, Integer brokenAt, String reason, String headHash) {
        static Verification broken(String namespace, int entries, Integer at, String reason) {
            return new Verification(namespace, false, entries, at, reason, null);
        }
    }
}
