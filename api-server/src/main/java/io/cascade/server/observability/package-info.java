/**
 * Traces and metrics of the server, through the OpenTelemetry SDK: one span per GraphQL operation,
 * one per MongoDB command under it, and the {@code io.cascade.server} meter's counters and
 * histogram. Exported over OTLP only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set.
 *
 * <p>Nothing here is API: the package is wired into the server by {@code TelemetryConfiguration}
 * and documented for operators in {@code docs/observability.md}. Attributes carry names, codes and
 * ids only, never keys, headers, query text, variables, command documents or config values. All
 * types are thread-safe.
 */
package io.cascade.server.observability;
