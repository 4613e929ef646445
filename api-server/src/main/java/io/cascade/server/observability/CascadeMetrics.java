package io.cascade.server.observability;

import static io.cascade.server.observability.TelemetryAttributes.ACTION;
import static io.cascade.server.observability.TelemetryAttributes.AUTH_REASON;
import static io.cascade.server.observability.TelemetryAttributes.ERROR_CODE;
import static io.cascade.server.observability.TelemetryAttributes.FLAG;
import static io.cascade.server.observability.TelemetryAttributes.NAMESPACE;
import static io.cascade.server.observability.TelemetryAttributes.OPERATION_TYPE;
import static io.cascade.server.observability.TelemetryAttributes.OUTCOME;
import static io.cascade.server.observability.TelemetryAttributes.REASON;
import static io.cascade.server.observability.TelemetryAttributes.VARIATION;

import io.cascade.server.auth.AuthFailureReason;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The instruments of the {@code io.cascade.server} meter; each method records one event. */
final class CascadeMetrics {

    static final String METER = "io.cascade.server";

    private static final List<Double> DURATION_BUCKETS_MS =
            List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0);

    private final LongCounter revisionsCommitted;
    private final LongCounter validationFailures;
    private final LongCounter authFailures;
    private final LongCounter graphQlRequests;
    private final DoubleHistogram graphQlDuration;
    private final LongCounter flagEvaluations;
    private final LongCounter experimentExposures;
    private final Map<AuthFailureReason, Attributes> authReasons = new EnumMap<>(AuthFailureReason.class);

    CascadeMetrics(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter(METER);
        revisionsCommitted = meter.counterBuilder("cascade.revisions.committed")
                .setDescription("Revisions this process committed, by namespace and action")
                .setUnit("{revision}")
                .build();
        validationFailures = meter.counterBuilder("cascade.validation.failures")
                .setDescription("Changes refused with VALIDATION_FAILED or ILLEGAL_OVERRIDE, by code and namespace")
                .setUnit("{failure}")
                .build();
        authFailures = meter.counterBuilder("cascade.auth.failures")
                .setDescription("Requests without a valid API key, by reason")
                .setUnit("{request}")
                .build();
        graphQlRequests = meter.counterBuilder("cascade.graphql.requests")
                .setDescription("GraphQL operations executed, by operation type and outcome")
                .setUnit("{request}")
                .build();
        graphQlDuration = meter.histogramBuilder("cascade.graphql.duration")
                .setDescription("Time to execute a GraphQL operation, from parsing to the result")
                .setUnit("ms")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS_MS)
                .build();
        flagEvaluations = meter.counterBuilder("cascade.flag.evaluations")
                .setDescription("Flag evaluations the API answered, by namespace, flag and reason")
                .setUnit("{evaluation}")
                .build();
        experimentExposures = meter.counterBuilder("cascade.experiment.exposures")
                .setDescription(
                        "Evaluations that assigned a variation of an experiment, by namespace, flag and variation")
                .setUnit("{exposure}")
                .build();
        for (AuthFailureReason reason : AuthFailureReason.values()) {
            authReasons.put(reason, Attributes.of(AUTH_REASON, reason.value()));
        }
    }

    void flagEvaluated(String namespace, String flag, String reason) {
        flagEvaluations.add(1, Attributes.of(NAMESPACE, namespace, FLAG, flag, REASON, reason));
    }

    void exposure(String namespace, String flag, String variation) {
        experimentExposures.add(1, Attributes.of(NAMESPACE, namespace, FLAG, flag, VARIATION, variation));
    }

    void revisionCommitted(String namespace, String action) {
        revisionsCommitted.add(1, Attributes.of(NAMESPACE, namespace, ACTION, action));
    }

    void validationFailed(String code, String namespace) {
        AttributesBuilder attributes = Attributes.builder().put(ERROR_CODE, code);
        if (namespace != null) {
            attributes.put(NAMESPACE, namespace);
        }
        validationFailures.add(1, attributes.build());
    }

    void authFailed(AuthFailureReason reason) {
        authFailures.add(1, authReasons.get(reason));
    }

    void graphQlExecuted(String operationType, String outcome, double millis) {
        Attributes attributes = Attributes.of(OPERATION_TYPE, operationType, OUTCOME, outcome);
        graphQlRequests.add(1, attributes);
        graphQlDuration.record(millis, attributes);
    }
}
