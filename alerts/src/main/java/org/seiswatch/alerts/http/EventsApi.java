package org.seiswatch.alerts.http;

import java.time.Clock;
import java.util.List;
import org.seiswatch.alerts.format.EventFormat;
import org.seiswatch.alerts.format.FormatContext;
import org.seiswatch.alerts.query.EventQuery;
import org.seiswatch.alerts.query.InvalidQueryException;
import org.seiswatch.alerts.store.EventStore;
import org.seiswatch.common.model.Detection;

/**
 * The event query endpoints, in NEIC Detection JSON (default), USGS GeoJSON or QuakeML 1.2 ({@code
 * format=json|geojson|quakeml}, {@code docs/formats/EventFormats.md}):
 *
 * <ul>
 *   <li>{@code GET /api/events}: the latest version of every retained event that passes the {@link
 *       EventQuery} filters, newest origin first; a bad parameter is a 400 listing every problem;
 *   <li>{@code GET /api/events/{id}}: every version of one event, oldest version first; 404 if
 *       unknown.
 * </ul>
 */
public final class EventsApi {
  private final EventStore store;
  private final Clock clock;

  public EventsApi(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/events", this::list), Route.get("/api/events/([^/]+)", this::one));
  }

  private ApiResponse list(ApiRequest request) {
    EventQuery query;
    try {
      query = EventQuery.parse(request.queryParameters());
    } catch (InvalidQueryException e) {
      return JsonResponse.invalid(e.problems(), request.path());
    }
    List<Detection> latest =
        query.select(store.events()).stream().map(v -> v.get(v.size() - 1)).toList();
    EventFormat format = query.format();
    return BodyResponse.ok(format.contentType(), format.writeEvents(latest, context(request)));
  }

  private ApiResponse one(ApiRequest request) {
    EventFormat format;
    try {
      format = EventQuery.parseFormatOnly(request.queryParameters());
    } catch (InvalidQueryException e) {
      return JsonResponse.invalid(e.problems(), request.path());
    }
    String id = request.pathParameters().get(0);
    List<Detection> versions = store.versions(id);
    if (versions.isEmpty()) {
      return JsonResponse.error(404, "no event with id '" + id + "'", request.path());
    }
    return BodyResponse.ok(format.contentType(), format.writeVersions(versions, context(request)));
  }

  private FormatContext context(ApiRequest request) {
    return new FormatContext(request.requestUrl(), request.baseUrl(), clock.instant());
  }
}
