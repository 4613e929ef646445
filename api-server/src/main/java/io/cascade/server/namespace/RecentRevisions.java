package io.cascade.server.namespace;

import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.server.store.RevisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest revisions of each namespace this process knows, an unbroken run of at most {@code
 * kept}, so that {@code history} can answer from memory while the store is down.
 *
 * <p>Thread-safe: each namespace's run is an immutable list, replaced whole. Revisions are added in
 * order; one already held is ignored, and one after a gap starts the run again.
 */
public final class RecentRevisions implements RevisionListener {

    private final int kept;
    private final Map<String, List<RevisionRecord>> runs = new ConcurrentHashMap<>();

    public RecentRevisions(int kept) {
        this.kept = kept;
    }

    @Override
    public void revision(RevisionRecord record, Snapshot after, boolean committedHere) {
        add(record);
    }

    void add(RevisionRecord record) {
        addAll(List.of(record));
    }

    /** Adds revisions of one namespace, oldest first. */
    void addAll(List<RevisionRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        runs.compute(records.get(0).namespace(), (name, held) -> {
            List<RevisionRecord> run = held == null ? new ArrayList<>() : new ArrayList<>(held);
            for (RevisionRecord record : records) {
                int last = run.isEmpty() ? 0 : run.get(run.size() - 1).revision();
                if (!run.isEmpty() && record.revision() <= last) {
                    continue;
                }
                if (!run.isEmpty() && record.revision() != last + 1) {
                    run.clear();
                }
                run.add(record);
            }
            return List.copyOf(run.subList(Math.max(0, run.size() - kept), run.size()));
        });
    }

    /**
     * Up to {@code limit} revisions older than {@code before}, newest first, as far as they are held:
     * the page may stop short where the run begins. Empty when the newest of them is not held.
     */
    Optional<List<RevisionRecord>> newestFirst(String namespace, int before, int limit) {
        List<RevisionRecord> run = runs.getOrDefault(namespace, List.of());
        if (run.isEmpty()) {
            return Optional.empty();
        }
        if (before <= 1) {
            return Optional.of(List.of());
        }
        int oldestHeld = run.get(0).revision();
        int newest = Math.min(before - 1, run.get(run.size() - 1).revision());
        if (newest < oldestHeld) {
            return Optional.empty();
        }
        List<RevisionRecord> page = new ArrayList<>();
        for (int revision = newest; revision >= oldestHeld && page.size() < limit; revision--) {
            page.add(run.get(revision - oldestHeld));
        }
        return Optional.of(page);
    }
}
