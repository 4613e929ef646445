package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.error.CascadeException;
import io.cascade.server.store.HeadStore;
import io.cascade.server.store.RevisionRecord;
import io.cascade.server.store.RevisionStore;
import io.cascade.server.store.SnapshotStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots this process serves: the latest of every namespace, and recent past ones for as-of
 * reads. Loads them at start, catches up with revisions other processes committed, and is where
 * the write path installs what it commits.
 *
 * <p>NOTES. Readers take a snapshot without locking. A namespace's head only moves forward, under
 * that namespace's lock ({@link #lock}), and each revision it moves past is published to the
 * {@link RevisionEvents} there, once. As-of reads never lock: they build past snapshots from the
 * nearest one kept, outside any lock, and keep a few per namespace.
 */
public final class NamespaceSnapshots {

    private static final Logger log = LoggerFactory.getLogger(NamespaceSnapshots.class);
    private static final int PAST_KEPT_PER_NAMESPACE = 16;
    /** Namespaces read from the store at once at start. */
    private static final int LOAD_THREADS = 4;

    private final RevisionStore store;
    private final HeadStore headStore;
    private final SnapshotStore snapshotStore;
    private final RevisionEvents events;
    private final Map<String, Snapshot> heads = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<Integer, Snapshot>> past = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CompletableFuture<Loaded> started = new CompletableFuture<>();

    public NamespaceSnapshots(
            RevisionStore store, HeadStore headStore, SnapshotStore snapshotStore, RevisionEvents events) {
        this.store = store;
        this.headStore = headStore;
        this.snapshotStore = snapshotStore;
        this.events = events;
    }

    /** What start-up found: for the log and for the snapshot writer. */
    public record Loaded(
            int namespaces, int revisionsRead, Map<String, Integer> copies, List<Snapshot> withoutRecentCopy) {}

    /**
     * Start-up, on a thread of its own so the rest of the start goes on meanwhile: every namespace
     * from its stored snapshot plus the revisions after it, or, where no usable copy exists,
     * replayed from its revisions. The heads collection says which namespaces exist and how far
     * they go; revisions past a head that fell behind are found by reading on. Readers wait for the
     * load; {@code then} runs with what was found once they may read; {@link #awaitStart} waits for
     * both.
     */
    public void loadInBackground(int copyInterval, Consumer<Loaded> then) {
        Thread thread = new Thread(
                () -> {
                    try {
                        Loaded found;
                        try {
                            found = loadAll(copyInterval);
                        } finally {
                            loaded.countDown();
                        }
                        then.accept(found);
                        started.complete(found);
                    } catch (RuntimeException | Error e) {
                        started.completeExceptionally(e);
                    }
                },
                "cascade-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once the start's load is done, or throws what made it fail. */
    public Loaded awaitStart() {
        try {
            return started.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private Loaded loadAll(int copyInterval) {
        long start = System.nanoTime();
        Map<String, Integer> latest = latestRevisions();
        Map<String, Snapshot> copies = snapshotStore.all();
        List<String> replayWhole = new ArrayList<>();
        List<Snapshot> withoutRecentCopy = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> usedCopies = new ConcurrentHashMap<>();
        AtomicInteger read = new AtomicInteger();
        List<Callable<Void>> fromCopies = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : latest.entrySet()) {
            String name = entry.getKey();
            Snapshot copy = copies.get(name);
            if (copy == null) {
                replayWhole.add(name);
                continue;
            }
            fromCopies.add(() -> {
                List<RevisionRecord> tail = tail(name, copy.revision(), entry.getValue());
                Snapshot head = copy.applyAll(RevisionRecord.revisions(tail));
                heads.put(name, head);
                usedCopies.put(name, copy.revision());
                read.addAndGet(tail.size());
                if (tail.size() >= copyInterval) {
                    withoutRecentCopy.add(head);
                }
                return null;
            });
        }
        inParallel(fromCopies);
        read.addAndGet(replay(replayWhole, latest));
        for (String name : replayWhole) {
            Snapshot head = heads.get(name);
            if (head != null) {
                withoutRecentCopy.add(head);
            }
        }
        log.info(
                "Loaded {} namespace(s) in {} ms: {} from stored snapshots, {} revision(s) read",
                heads.size(),
                (System.nanoTime() - start) / 1_000_000,
                usedCopies.size(),
                read.get());
        return new Loaded(heads.size(), read.get(), usedCopies, List.copyOf(withoutRecentCopy));
    }

    /**
     * Runs the reads a few at a time: each is a string of round trips to the store, which a single
     * thread spends mostly waiting for.
     */
    private static void inParallel(List<Callable<Void>> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(LOAD_THREADS, tasks.size()), runnable -> {
            Thread thread = new Thread(runnable, "cascade-load-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the namespaces", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("could not load the namespaces", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Returns once the start's load is over; readers call it first, so none sees a half-loaded set. */
    private void awaitLoaded() {
        if (loaded.getCount() == 0) {
            return;
        }
        try {
            loaded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the namespaces to load", e);
        }
    }

    /** Every namespace's latest revision from the heads; rebuilt from the revisions when there are none yet. */
    private Map<String, Integer> latestRevisions() {
        Map<String, HeadStore.Head> stored = headStore.all();
        Map<String, Integer> latest = new HashMap<>();
        if (stored.isEmpty()) {
            latest.putAll(store.latestRevisions());
            latest.forEach((name, revision) -> headStore.advance(name, revision, false));
            return latest;
        }
        stored.forEach((name, head) -> latest.put(name, head.revision()));
        return latest;
    }

    /** Revisions after {@code from}: up to the known head, then on until one is missing. */
    private List<RevisionRecord> tail(String name, int from, int head) {
        List<RevisionRecord> tail = new ArrayList<>();
        if (head > from) {
            tail.addAll(store.load(name, from, head));
        }
        int last = tail.isEmpty() ? from : tail.get(tail.size() - 1).revision();
        tail.addAll(store.loadAfter(name, last));
        return tail;
    }

    /** Replays namespaces that have no stored snapshot; many at once are read in one pass. */
    private int replay(List<String> names, Map<String, Integer> latest) {
        if (names.isEmpty()) {
            return 0;
        }
        Map<String, List<RevisionRecord>> byNamespace = new HashMap<>();
        if (names.size() > 1) {
            for (RevisionRecord record : store.loadAll()) {
                if (latest.containsKey(record.namespace())) {
                    byNamespace
                            .computeIfAbsent(record.namespace(), key -> new ArrayList<>())
                            .add(record);
                }
            }
        } else {
            byNamespace.put(names.get(0), tail(names.get(0), 0, latest.get(names.get(0))));
        }
        int read = 0;
        for (String name : names) {
            List<RevisionRecord> records = byNamespace.getOrDefault(name, List.of());
            read += records.size();
            if (records.isEmpty()) {
                continue;
            }
            if (records.get(0).revision() != 1) {
                log.error("Namespace {} has no revision 1 in the store; skipped", name);
                continue;
            }
            heads.put(name, Snapshot.replay(name, RevisionRecord.revisions(records)));
        }
        return read;
    }

    /** Names of every namespace, sorted. */
    public List<String> names() {
        awaitLoaded();
        List<String> names = new ArrayList<>(heads.keySet());
        Collections.sort(names);
        return names;
    }

    /** The latest snapshot this process holds of every namespace. */
    public List<Snapshot> all() {
        awaitLoaded();
        return List.copyOf(heads.values());
    }

    /** The latest snapshot held, or null; never reads the store. */
    public Snapshot held(String name) {
        awaitLoaded();
        return heads.get(name);
    }

    /**
     * The latest snapshot this process knows. A namespace another process created is looked up in
     * the store before it is called missing.
     */
    public Snapshot head(String name) {
        awaitLoaded();
        Snapshot state = heads.get(name);
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

    /** The namespace as of {@code revision}, or the latest when {@code revision} is null. Never locks. */
    public Snapshot at(String name, Integer revision) {
        awaitLoaded();
        Snapshot head = head(name);
        if (revision == null || revision == head.revision()) {
            return head;
        }
        if (revision > head.revision()) {
            return newerThanHeld(head, revision);
        }
        if (revision < 1) {
            throw outOfRange(name, head.revision(), revision);
        }
        ConcurrentSkipListMap<Integer, Snapshot> kept =
                past.computeIfAbsent(name, key -> new ConcurrentSkipListMap<>());
        Snapshot cached = kept.get(revision);
        if (cached != null) {
            return cached;
        }
        Map.Entry<Integer, Snapshot> nearest = kept.floorEntry(revision);
        Snapshot state = nearest == null
                ? Snapshot.replay(name, RevisionRecord.revisions(store.load(name, 0, revision)))
                : nearest.getValue().applyAll(RevisionRecord.revisions(store.load(name, nearest.getKey(), revision)));
        kept.put(revision, state);
        while (kept.size() > PAST_KEPT_PER_NAMESPACE) {
            kept.pollFirstEntry();
        }
        return state;
    }

    /** A revision committed elsewhere and not applied here yet: built for this read, not installed. */
    private Snapshot newerThanHeld(Snapshot head, int revision) {
        List<RevisionRecord> newer = store.load(head.namespace(), head.revision(), revision);
        if (newer.isEmpty() || newer.get(newer.size() - 1).revision() != revision) {
            throw outOfRange(head.namespace(), head.revision() + newer.size(), revision);
        }
        return head.applyAll(RevisionRecord.revisions(newer));
    }

    private static CascadeException outOfRange(String name, int latest, int revision) {
        return CascadeException.notFound("namespace '" + name + "' has revisions 1 to " + latest + ", not " + revision);
    }

    /** The lock that orders changes of one namespace's head. */
    Object lock(String name) {
        return locks.computeIfAbsent(name, key -> new Object());
    }

    /**
     * Applies revisions newer than the one held, one at a time, publishing each. The caller holds
     * the namespace's lock. Returns the new head, or null when the namespace does not exist.
     */
    Snapshot catchUp(String name) {
        awaitLoaded();
        Snapshot state = heads.get(name);
        List<RevisionRecord> newer = store.loadAfter(name, state == null ? 0 : state.revision());
        if (newer.isEmpty()) {
            return state;
        }
        if (state == null && newer.get(0).revision() != 1) {
            log.error("Namespace {} has no revision 1 in the store; not loaded", name);
            return null;
        }
        for (RevisionRecord record : newer) {
            state = state == null ? Snapshot.created(name, record.toRevision()) : state.apply(record.toRevision());
            events.publish(record, state, false);
        }
        heads.put(name, state);
        return state;
    }

    /** Installs what the write path just committed and publishes it. The caller holds the lock. */
    void committed(RevisionRecord record, Snapshot next) {
        heads.put(record.namespace(), next);
        events.publish(record, next, true);
    }
}
