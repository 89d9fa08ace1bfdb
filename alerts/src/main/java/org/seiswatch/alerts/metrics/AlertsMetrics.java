package org.seiswatch.alerts.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The service's Micrometer registry in Prometheus form, for {@code GET /metrics} (Prometheus text
 * exposition format 0.0.4). Counters and gauges read the service's own counts when scraped, so the
 * hot path keeps plain atomics and never touches the registry. One registry per service instance,
 * so tests and embedded runs do not share meters.
 */
public final class AlertsMetrics {
  /** Content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public AlertsMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** A monotonic count read from {@code source} at scrape time ({@code <name>_total}). */
  public <T> void counter(String name, String description, T source, ToDoubleFunction<T> count) {
    FunctionCounter.builder(name, source, count).description(description).register(registry);
  }

  /** A value read from {@code source} at scrape time. */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }
}
