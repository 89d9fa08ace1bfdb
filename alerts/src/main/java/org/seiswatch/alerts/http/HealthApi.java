package org.seiswatch.alerts.http;

import java.util.List;

/**
 * {@code GET /health}: 200 with status {@code UP} while the service can do its work, else 503 with
 * {@code DOWN}; the body also carries a few counters for operators.
 */
public final class HealthApi {
  private final HealthCheck check;

  public HealthApi(HealthCheck check) {
    this.check = check;
  }

  public List<Route> routes() {
    return List.of(Route.get("/health", request -> answer()));
  }

  private JsonResponse answer() {
    boolean up = check.consumerAlive();
    Health health =
        new Health(
            up ? "UP" : "DOWN",
            up,
            check.recordsConsumed(),
            check.eventsRetained(),
            check.storeCaughtUp());
    return new JsonResponse(up ? 200 : 503, health);
  }

  /** What {@code /health} reports. */
  public interface HealthCheck {
    boolean consumerAlive();

    long recordsConsumed();

    int eventsRetained();

    /** True once the event store holds what {@code seis.events} held at start. */
    default boolean storeCaughtUp() {
      return true;
    }
  }

  /** Body of {@code /health}. */
  public record Health(
      String status,
      boolean consumerAlive,
      long recordsConsumed,
      int eventsRetained,
      boolean storeCaughtUp) {}
}
