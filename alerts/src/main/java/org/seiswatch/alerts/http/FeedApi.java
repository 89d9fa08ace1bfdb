package org.seiswatch.alerts.http;

import java.util.List;
import java.util.Set;
import org.seiswatch.alerts.query.InvalidQueryException;
import org.seiswatch.alerts.query.QueryParameters;
import org.seiswatch.alerts.sse.SseHub;
import org.seiswatch.alerts.subscription.SubscriptionStore;

/**
 * {@code GET /api/feed}: the live feed of event versions as Server-Sent Events ({@code
 * text/event-stream}, see {@link SseHub}). With {@code ?subscription=ID} only the versions that
 * subscription's policy accepts are sent (404 for an unknown subscription); the policy is read at
 * each version, so a change through the API applies at once.
 */
public final class FeedApi {
  private final SseHub hub;
  private final SubscriptionStore subscriptions;

  public FeedApi(SseHub hub, SubscriptionStore subscriptions) {
    this.hub = hub;
    this.subscriptions = subscriptions;
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/feed", this::feed));
  }

  private ApiResponse feed(ApiRequest request) {
    try {
      new QueryParameters(request.queryParameters(), Set.of("subscription")).check();
    } catch (InvalidQueryException e) {
      return JsonResponse.invalid(e.problems(), request.path());
    }
    List<String> given = request.queryParameters().get("subscription");
    String id = given == null || given.isEmpty() ? null : given.get(0);
    if (id == null) {
      return new StreamResponse("text/event-stream; charset=utf-8", hub::open);
    }
    if (subscriptions.get(id).isEmpty()) {
      return JsonResponse.error(404, "no subscription with id '" + id + "'", request.path());
    }
    return new StreamResponse(
        "text/event-stream; charset=utf-8",
        body ->
            hub.open(
                body, d -> subscriptions.get(id).map(s -> s.policy().accepts(d)).orElse(false)));
  }
}
