package io.cascade.server.observability;

import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.springframework.context.annotation.Bean;

/**
 * In-memory exporters for a test server: {@code TestServer.start(InMemoryTelemetry.PROPERTIES)},
 * then {@code server.bean(InMemorySpanExporter.class)} and {@code server.bean(InMemoryMetricReader.class)}.
 * Deliberately not a {@code @Configuration}: component scanning must not add it to other tests' servers.
 */
public class InMemoryTelemetry {

    /** Adds this class to the application's sources. */
    public static final Map<String, Object> PROPERTIES =
            Map.of("spring.main.sources", InMemoryTelemetry.class.getName());

    @Bean(destroyMethod = "")
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }

    /** Exports each span as it ends, so a test sees it as soon as the response is back. */
    @Bean(destroyMethod = "")
    SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
        return SimpleSpanProcessor.create(exporter);
    }

    @Bean(destroyMethod = "")
    InMemoryMetricReader inMemoryMetricReader() {
        return InMemoryMetricReader.create();
    }
}
