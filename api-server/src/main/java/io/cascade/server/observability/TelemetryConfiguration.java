package io.cascade.server.observability;

import io.cascade.evaluator.flag.ErrorCode;
import io.cascade.server.auth.AuthMetrics;
import io.cascade.server.flag.EvaluationMetrics;
import io.cascade.server.namespace.RevisionEvents;
import io.cascade.server.namespace.RevisionListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The OpenTelemetry SDK and what feeds it: the GraphQL instrumentation, the MongoDB command
 * listener (picked up by the store's client), the auth-failure counter and the commit counter.
 *
 * <p>OTLP export is on when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or the property {@code
 * otel.exporter.otlp.endpoint}) is set. Other {@code otel.*} properties given to Spring (command
 * line, {@code application.properties}) are passed to the SDK as defaults under the environment.
 */
@Configuration(proxyBeanMethods = false)
class TelemetryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TelemetryConfiguration.class);
    private static final String INSTRUMENTATION_SCOPE = "io.cascade.server";

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(
            ConfigurableEnvironment environment,
            ObjectProvider<SpanProcessor> processors,
            ObjectProvider<MetricReader> readers) {
        Map<String, String> otel = otelProperties(environment);
        if (TelemetrySdk.exports(otel)) {
            log.info("Telemetry: OTLP export to {}", hostOf(otel.get(TelemetrySdk.ENDPOINT)));
        }
        return TelemetrySdk.create(
                otel,
                processors.orderedStream().toList(),
                readers.orderedStream().toList());
    }

    @Bean
    CascadeMetrics cascadeMetrics(OpenTelemetry openTelemetry) {
        return new CascadeMetrics(openTelemetry);
    }

    @Bean
    GraphQlTelemetry graphQlTelemetry(OpenTelemetry openTelemetry, CascadeMetrics metrics) {
        return new GraphQlTelemetry(tracer(openTelemetry), metrics);
    }

    @Bean
    MongoTelemetry mongoTelemetry(
            OpenTelemetry openTelemetry,
            @Value("${cascade.telemetry.store-spans-outside-operations:false}") boolean outsideOperations) {
        return new MongoTelemetry(tracer(openTelemetry), outsideOperations);
    }

    @Bean
    AuthMetrics authMetrics(CascadeMetrics metrics) {
        return metrics::authFailed;
    }

    /** Counts flag evaluations by reason, and the exposures of experiments. */
    @Bean
    EvaluationMetrics evaluationMetrics(CascadeMetrics metrics) {
        return (namespace, flag, result) -> {
            if (result.errorCode()
                    .filter(code -> code == ErrorCode.FLAG_NOT_FOUND)
                    .isPresent()) {
                // Callers choose the keys they ask for: unknown ones share one series.
                metrics.flagEvaluated(namespace, "(unknown)", result.reason().name());
                return;
            }
            metrics.flagEvaluated(namespace, flag, result.reason().name());
            if (result.inExperiment()) {
                metrics.exposure(namespace, flag, result.variation().orElse(""));
            }
        };
    }

    /** Counts the revisions this process commits. */
    @Bean
    RevisionListener revisionCounter(RevisionEvents events, CascadeMetrics metrics) {
        RevisionListener counter = (record, state, committedHere) -> {
            if (committedHere) {
                metrics.revisionCommitted(record.namespace(), record.action());
            }
        };
        events.subscribe(counter);
        return counter;
    }

    private static Tracer tracer(OpenTelemetry openTelemetry) {
        return openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
    }

    /** {@code otel.*} properties Spring knows, with the endpoint resolved from the environment too. */
    private static Map<String, String> otelProperties(ConfigurableEnvironment environment) {
        Map<String, String> otel = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("otel.") && !otel.containsKey(name)) {
                        otel.put(name, environment.getProperty(name));
                    }
                }
            }
        }
        String endpoint = environment.getProperty(TelemetrySdk.ENDPOINT);
        if (endpoint != null) {
            otel.put(TelemetrySdk.ENDPOINT, endpoint);
        }
        return otel;
    }

    /** The endpoint without any user info or path, for the log. */
    private static String hostOf(String endpoint) {
        try {
            URI uri = URI.create(endpoint.trim());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(unparsable endpoint)";
        }
    }
}
