package org.seiswatch.alerts.http;

import java.util.List;
import java.util.Set;
import org.seiswatch.alerts.query.InvalidQueryException;
import org.seiswatch.alerts.query.QueryParameters;
import org.seiswatch.alerts.sse.SseHub;

/**
 * {@code GET /api/feed}: the live feed of event versions as Server-Sent Events ({@code
 * text/event-stream}, see {@link SseHub}). Takes no parameters.
 */
public final class FeedApi {
  private final SseHub hub;

  public FeedApi(SseHub hub) {
    this.hub = hub;
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/feed", this::feed));
  }

  private ApiResponse feed(ApiRequest request) {
    try {
      new QueryParameters(request.queryParameters(), Set.of()).check();
    } catch (InvalidQueryException e) {
      return JsonResponse.invalid(e.problems(), request.path());
    }
    return new StreamResponse("text/event-stream; charset=utf-8", hub::open);
  }
}
