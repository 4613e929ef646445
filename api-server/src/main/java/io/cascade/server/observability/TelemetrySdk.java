package io.cascade.server.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the server's {@link OpenTelemetrySdk}. With an OTLP endpoint, the SDK's autoconfigure
 * module reads every standard {@code OTEL_*} variable (protocol, headers, sampler, resource,
 * export intervals); without one, the SDK has no exporter at all, so nothing touches the network.
 * Either way, span processors and metric readers the application context provides are added
 * (tests register in-memory ones).
 */
final class TelemetrySdk {

    static final String SERVICE_NAME = "cascade-api-server";
    static final String ENDPOINT = "otel.exporter.otlp.endpoint";

    private static final AttributeKey<String> SERVICE_NAME_KEY = AttributeKey.stringKey("service.name");

    private TelemetrySdk() {}

    /** Whether {@code otel} (keys like {@code otel.exporter.otlp.endpoint}) turns OTLP export on. */
    static boolean exports(Map<String, String> otel) {
        String endpoint = otel.get(ENDPOINT);
        return endpoint != null && !endpoint.isBlank();
    }

    static OpenTelemetrySdk create(
            Map<String, String> otel, List<SpanProcessor> processors, List<MetricReader> readers) {
        return exports(otel) ? exporting(otel, processors, readers) : local(processors, readers);
    }

    private static OpenTelemetrySdk local(List<SpanProcessor> processors, List<MetricReader> readers) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME_KEY, SERVICE_NAME)));
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().setResource(resource);
        processors.forEach(tracing::addSpanProcessor);
        if (processors.isEmpty()) {
            // Nothing would receive a span: do not record any, so tracing costs next to nothing.
            tracing.setSampler(Sampler.alwaysOff());
        }
        SdkMeterProviderBuilder metering = SdkMeterProvider.builder().setResource(resource);
        readers.forEach(metering::registerMetricReader);
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setMeterProvider(metering.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    /**
     * {@code otel} holds defaults: the environment and system properties override them, as the
     * autoconfigure module does for every setting.
     */
    private static OpenTelemetrySdk exporting(
            Map<String, String> otel, List<SpanProcessor> processors, List<MetricReader> readers) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("otel.logs.exporter", "none");
        // The JDK HTTP sender is the only one on the classpath: it speaks http/protobuf, not grpc.
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.putAll(otel);
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .addResourceCustomizer((resource, config) -> named(resource))
                .addTracerProviderCustomizer((tracing, config) -> {
                    processors.forEach(tracing::addSpanProcessor);
                    return tracing;
                })
                .addMeterProviderCustomizer((metering, config) -> {
                    readers.forEach(metering::registerMetricReader);
                    return metering;
                })
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /** Our service name, unless {@code OTEL_SERVICE_NAME} or {@code OTEL_RESOURCE_ATTRIBUTES} gave one. */
    private static Resource named(Resource resource) {
        String name = resource.getAttribute(SERVICE_NAME_KEY);
        if (name != null && !name.startsWith("unknown_service")) {
            return resource;
        }
        return resource.merge(Resource.create(Attributes.of(SERVICE_NAME_KEY, SERVICE_NAME)));
    }
}
