package io.cascade.server.rollout;

import io.cascade.server.auth.Actor;
import io.cascade.server.store.StoreHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every active rollout: each tick, re-reads them, and for each whose lease this process
 * takes (or renews), finishes a pending abort, aborts on a failing gate, or advances a stage whose
 * bake time has passed, whose targeted hosts all acknowledged the candidate and whose gates hold.
 *
 * <p>NOTES. The lease ({@code leaseOwner}, {@code leaseUntil} in the rollout's document) is taken
 * only when free or expired, so one process at a time drives a rollout; every move it makes is a
 * compare-and-set on the rollout's version that also requires its unexpired lease, so a process
 * that lost its lease (paused, partitioned) cannot move the rollout any more. Bake time counts from
 * the stored stage start, so a restarted or new orchestrator goes on where the last one was.
 */
public final class RolloutOrchestrator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RolloutOrchestrator.class);
    private static final Actor ORCHESTRATOR = Actor.system("rollout orchestrator");
    private static final Duration HEALTH_KEPT = Duration.ofDays(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final RolloutService service;
    private final RolloutMetrics metrics;
    private final StoreHealth storeHealth;
    private final Duration lease;
    private final String owner = ownerName();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread named = new Thread(runnable, "cascade-rollout-orchestrator");
        named.setDaemon(true);
        return named;
    });
    private Instant lastCleanup = Instant.EPOCH;
    /** Set by {@link #close}: a tick that fails after it (the store closing under it) is not an error. */
    private volatile boolean closing;

    RolloutOrchestrator(RolloutService service, RolloutMetrics metrics, StoreHealth storeHealth, Duration lease) {
        this.service = service;
        this.metrics = metrics;
        this.storeHealth = storeHealth;
        this.lease = lease;
    }

    void start(Duration tick) {
        thread.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code host:pid:random}: who holds a lease, for people and tests to find the process. */
    private static String ownerName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return host + ":" + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This process's name in leases. */
    public String owner() {
        return owner;
    }

    void tick() {
        if (closing || !storeHealth.isUp()) {
            return;
        }
        try {
            List<Rollout> active = service.registry().refreshAll();
            metrics.active(
                    active.stream()
                            .filter(r -> r.state() == RolloutState.RUNNING)
                            .count(),
                    active.stream()
                            .filter(r -> r.state() == RolloutState.PAUSED)
                            .count());
            for (Rollout rollout : active) {
                if (closing) {
                    return;
                }
                Instant now = service.clock().instant();
                if (service.store().lease(rollout.id(), owner, now, now.plus(lease))) {
                    step(rollout);
                }
            }
            cleanup();
        } catch (RuntimeException e) {
            if (closing) {
                log.debug("Rollout tick cut short by shutdown: {}", e.toString());
            } else if (StoreHealth.isOutage(e)) {
                log.debug("Rollout tick stopped by a store outage: {}", e.toString());
            } else {
                log.warn("Rollout tick failed: {}", e.toString(), e);
            }
        }
    }

    private void step(Rollout rollout) {
        try {
            if (rollout.aborting()) {
                service.finishAbort(rollout, owner, ORCHESTRATOR);
                return;
            }
            if (rollout.state() != RolloutState.RUNNING) {
                return;
            }
            Rollout current = rollout;
            if (current.kind() == RolloutPlan.Kind.FLAG) {
                current = service.commitFlagStage(current, owner, ORCHESTRATOR);
                if (current == null) {
                    return;
                }
            }
            RolloutService.Progress progress = service.progress(current);
            if (progress.verdict().failed()) {
                log.info(
                        "Rollout {} of {} aborts: {}",
                        current.id(),
                        current.namespace(),
                        progress.verdict().failure());
                service.abort(current, progress.verdict().failure(), "gate", owner, ORCHESTRATOR);
                return;
            }
            RolloutPlan.Stage stage = current.parsedPlan().stages().get(current.currentStage());
            boolean baked = current.baked(service.clock().instant()).getSeconds() >= stage.bakeSeconds();
            Rollout.StageCounts counts = progress.counts();
            if (baked
                    && counts.applied() >= counts.targeted()
                    && progress.verdict().hold()) {
                service.advance(current, counts, owner, ORCHESTRATOR);
            }
        } catch (RuntimeException e) {
            if (closing || StoreHealth.isOutage(e)) {
                throw e;
            }
            log.warn("Rollout {} of {}: step failed: {}", rollout.id(), rollout.namespace(), e.toString());
        }
    }

    private void cleanup() {
        Instant now = service.clock().instant();
        if (Duration.between(lastCleanup, now).toMinutes() >= 10) {
            lastCleanup = now;
            service.health().removeOlderThan(now.minus(HEALTH_KEPT));
        }
    }

    /**
     * Stops ticking and waits for a tick in progress to end (up to {@link #CLOSE_WAIT}), without
     * interrupting it, so no move is cut off halfway and nothing runs after the store closes: the
     * server stops this before the store (it depends on the store, and it is a lifecycle bean stopped
     * before any bean is destroyed). Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("A rollout tick was still running {} after shutdown began; interrupting it", CLOSE_WAIT);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close} has run to its end: no tick runs or will run. */
    boolean closed() {
        return thread.isTerminated();
    }
}
