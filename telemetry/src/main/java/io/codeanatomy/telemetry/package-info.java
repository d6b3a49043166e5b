/**
 * Telemetry facade over the OpenTelemetry Java SDK (reference {@code src/obs/otel}, spec
 * {@code core_layer.md} §5).
 *
 * <ul>
 *   <li>{@link io.codeanatomy.telemetry.Telemetry}: the ten catalogue metrics ({@link
 *       io.codeanatomy.telemetry.MetricName}), timed spans ({@link
 *       io.codeanatomy.telemetry.TelemetrySpan}) and diagnostics events. The engine calls {@code
 *       Telemetry.global()}, which costs a field read and a branch until telemetry is configured.
 *   <li>{@link io.codeanatomy.telemetry.RunContext}: the run id on the OpenTelemetry {@code Context},
 *       stamped on metrics, spans and log records, and carried into {@code RuntimeExecutor} tasks.
 *   <li>{@link io.codeanatomy.telemetry.TelemetryBootstrap}: builds the SDK from {@link
 *       io.codeanatomy.telemetry.OtelConfig} (the reference's fingerprinted configuration), {@link
 *       io.codeanatomy.telemetry.ExportConfig} (OTLP gRPC/HTTP, logging, none) and {@link
 *       io.codeanatomy.telemetry.BootstrapOptions}.
 *   <li>{@link io.codeanatomy.telemetry.AttributeNormalizer}: the reference's attribute
 *       normalisation and redaction, applied to everything the facade emits.
 * </ul>
 */
package io.codeanatomy.telemetry;
