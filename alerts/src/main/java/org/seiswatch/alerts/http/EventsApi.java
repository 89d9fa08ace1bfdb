package org.seiswatch.alerts.http;

import java.util.List;
import org.seiswatch.alerts.store.EventStore;
import org.seiswatch.common.model.Detection;

/**
 * The event query endpoints, answering in the NEIC Detection JSON of {@code seis.events} ({@code
 * docs/formats/Detection.md}):
 *
 * <ul>
 *   <li>{@code GET /api/events}: the latest version of every retained event, newest origin first;
 *   <li>{@code GET /api/events/{id}}: every version of one event, oldest version first; 404 if
 *       unknown.
 * </ul>
 */
public final class EventsApi {
  private final EventStore store;

  public EventsApi(EventStore store) {
    this.store = store;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/events", this::list), Route.get("/api/events/([^/]+)", this::one));
  }

  private JsonResponse list(ApiRequest request) {
    return JsonResponse.ok(store.latest());
  }

  private JsonResponse one(ApiRequest request) {
    String id = request.pathParameters().get(0);
    List<Detection> versions = store.versions(id);
    if (versions.isEmpty()) {
      return JsonResponse.error(404, "no event with id '" + id + "'", request.path());
    }
    return JsonResponse.ok(versions);
  }
}
