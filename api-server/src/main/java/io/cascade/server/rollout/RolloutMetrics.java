package io.cascade.server.rollout;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code cascade.rollouts.started}, {@code cascade.rollouts.finished} (by final state) and {@code
 * cascade.rollouts.aborts} (by cause: gate, alert, operator), and the gauge {@code
 * cascade.rollouts.active} of the RUNNING and PAUSED rollouts this process last saw.
 */
final class RolloutMetrics {

    private static final AttributeKey<String> KIND = AttributeKey.stringKey("cascade.rollout.kind");
    private static final AttributeKey<String> STATE = AttributeKey.stringKey("cascade.rollout.state");
    private static final AttributeKey<String> CAUSE = AttributeKey.stringKey("cascade.rollout.abort_cause");

    private final LongCounter started;
    private final LongCounter finished;
    private final LongCounter aborts;
    private final Map<RolloutState, AtomicLong> active = new EnumMap<>(RolloutState.class);

    RolloutMetrics(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter("io.cascade.server");
        started = meter.counterBuilder("cascade.rollouts.started")
                .setDescription("Rollouts started")
                .build();
        finished = meter.counterBuilder("cascade.rollouts.finished")
                .setDescription("Rollouts that completed or were aborted, by final state")
                .build();
        aborts = meter.counterBuilder("cascade.rollouts.aborts")
                .setDescription("Rollout aborts by cause: gate, alert, operator")
                .build();
        active.put(RolloutState.RUNNING, new AtomicLong());
        active.put(RolloutState.PAUSED, new AtomicLong());
        meter.gaugeBuilder("cascade.rollouts.active")
                .ofLongs()
                .setDescription("RUNNING and PAUSED rollouts, by state")
                .buildWithCallback(measurement -> active.forEach(
                        (state, count) -> measurement.record(count.get(), Attributes.of(STATE, state.name()))));
    }

    void started(Rollout rollout) {
        started.add(1, Attributes.of(KIND, rollout.kind().name()));
    }

    void finished(Rollout rollout) {
        finished.add(
                1,
                Attributes.of(
                        KIND, rollout.kind().name(), STATE, rollout.state().name()));
    }

    void aborted(Rollout rollout, String cause) {
        aborts.add(1, Attributes.of(KIND, rollout.kind().name(), CAUSE, cause));
    }

    void active(long running, long paused) {
        active.get(RolloutState.RUNNING).set(running);
        active.get(RolloutState.PAUSED).set(paused);
    }
}
