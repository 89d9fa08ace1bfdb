package org.seiswatch.alerts.http;

import java.util.List;
import org.seiswatch.alerts.metrics.AlertsMetrics;

/** {@code GET /metrics}: every meter in the Prometheus text exposition format. */
public final class MetricsApi {
  private final AlertsMetrics metrics;

  public MetricsApi(AlertsMetrics metrics) {
    this.metrics = metrics;
  }

  public List<Route> routes() {
    return List.of(
        Route.get(
            "/metrics", request -> BodyResponse.ok(AlertsMetrics.CONTENT_TYPE, metrics.scrape())));
  }
}
