package io.cascade.client;

import io.cascade.evaluator.flag.Reason;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The client's metrics through the OpenTelemetry API (the host brings the SDK, or nothing is
 * recorded): {@code cascade.client.staleness} (s), {@code cascade.client.fetch.duration} (ms, by
 * outcome), {@code cascade.client.applies} (by part and source) and {@code
 * cascade.client.evaluations} (by reason). Evaluations are counted in adders read when metrics are
 * collected, so the evaluation path never touches OpenTelemetry.
 */
final class ClientMetrics implements AutoCloseable {

    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    private static final AttributeKey<String> PART = AttributeKey.stringKey("part");
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("source");
    private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    private static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("namespace");

    private final Attributes base;
    private final DoubleHistogram fetches;
    private final LongCounter applies;
    private final LongAdder[] evaluations = new LongAdder[Reason.values().length];
    private final List<AutoCloseable> observers = new ArrayList<>();

    ClientMetrics(OpenTelemetry openTelemetry, String namespace, DoubleSupplier stalenessSeconds) {
        Meter meter = openTelemetry.getMeter("io.cascade.client");
        this.base = Attributes.of(NAMESPACE, namespace);
        for (int i = 0; i < evaluations.length; i++) {
            evaluations[i] = new LongAdder();
        }
        this.fetches = meter.histogramBuilder("cascade.client.fetch.duration")
                .setUnit("ms")
                .setDescription("Requests the client made to a server, by outcome")
                .build();
        this.applies = meter.counterBuilder("cascade.client.applies")
                .setDescription(
                        "Newer revisions applied, by part (config, flags) and source (server, subscription, disk)")
                .build();
        observers.add(meter.gaugeBuilder("cascade.client.staleness")
                .setUnit("s")
                .setDescription("Seconds since the client last knew it held the latest revision; 0 while subscribed")
                .buildWithCallback(gauge -> gauge.record(stalenessSeconds.getAsDouble(), base)));
        Attributes[] byReason = new Attributes[evaluations.length];
        for (Reason reason : Reason.values()) {
            byReason[reason.ordinal()] =
                    base.toBuilder().put(REASON, reason.name()).build();
        }
        observers.add(meter.counterBuilder("cascade.client.evaluations")
                .setDescription("Local flag evaluations, by reason")
                .buildWithCallback(counter -> {
                    for (int i = 0; i < evaluations.length; i++) {
                        counter.record(evaluations[i].sum(), byReason[i]);
                    }
                }));
    }

    void fetched(double millis, boolean ok) {
        fetches.record(
                millis, base.toBuilder().put(OUTCOME, ok ? "ok" : "failed").build());
    }

    void applied(String part, String source) {
        applies.add(1, base.toBuilder().put(PART, part).put(SOURCE, source).build());
    }

    void evaluated(Reason reason) {
        evaluations[reason.ordinal()].increment();
    }

    @Override
    public void close() {
        for (AutoCloseable observer : observers) {
            try {
                observer.close();
            } catch (Exception e) {
                // closing an instrument never matters to the host
            }
        }
    }
}
