package org.seiswatch.alerts.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seiswatch.alerts.subscription.SubscriptionStore;
import org.seiswatch.alerts.webhook.DeliveryLog;

/**
 * {@code GET /api/subscriptions/{id}/deliveries}: the subscription's recent webhook attempts,
 * newest first ({@code webhook.deliveries.retained} per subscription, since the service started);
 * 404 if the subscription is unknown. Behind an API key like all of {@code /api/subscriptions}.
 */
public final class DeliveriesApi {
  private final SubscriptionStore store;
  private final DeliveryLog log;

  public DeliveriesApi(SubscriptionStore store, DeliveryLog log) {
    this.store = store;
    this.log = log;
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/subscriptions/([^/]+)/deliveries", this::deliveries));
  }

  private ApiResponse deliveries(ApiRequest request) {
    String id = request.pathParameters().get(0);
    if (store.get(id).isEmpty()) {
      return JsonResponse.error(404, "no subscription with id '" + id + "'", request.path());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subscription", id);
    body.put("deliveries", log.recent(id));
    return JsonResponse.ok(body);
  }
}
