package org.seiswatch.alerts.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.seiswatch.alerts.subscription.Delivery;
import org.seiswatch.alerts.subscription.InvalidSubscriptionException;
import org.seiswatch.alerts.subscription.Subscription;
import org.seiswatch.alerts.subscription.SubscriptionJson;
import org.seiswatch.alerts.subscription.SubscriptionStore;
import org.seiswatch.common.json.Json;

/**
 * Subscription management (always behind an API key, see {@link ApiKeyGuard}):
 *
 * <ul>
 *   <li>{@code GET /api/subscriptions}: every subscription (webhook secrets shown as {@code
 *       "secretSet": true});
 *   <li>{@code POST /api/subscriptions}: creates one, 201 with it and its new {@code id};
 *   <li>{@code GET /api/subscriptions/{id}}, {@code PUT} (replace; a webhook document without
 *       {@code secret} keeps the old one), {@code DELETE} (204); 404 if unknown.
 * </ul>
 *
 * A document with problems is a 400 listing every one ({@code SubscriptionJson}).
 */
public final class SubscriptionsApi {
  private static final String ONE = "/api/subscriptions/([^/]+)";

  private final SubscriptionStore store;

  public SubscriptionsApi(SubscriptionStore store) {
    this.store = store;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/subscriptions", this::list),
        Route.post("/api/subscriptions", this::create),
        Route.get(ONE, this::one),
        Route.put(ONE, this::replace),
        Route.delete(ONE, this::delete));
  }

  private ApiResponse list(ApiRequest request) {
    return JsonResponse.ok(
        store.list().stream().map(s -> SubscriptionJson.write(s, false)).toList());
  }

  private ApiResponse one(ApiRequest request) {
    String id = request.pathParameters().get(0);
    return store
        .get(id)
        .<ApiResponse>map(s -> JsonResponse.ok(SubscriptionJson.write(s, false)))
        .orElseGet(() -> notFound(request, id));
  }

  private ApiResponse create(ApiRequest request) {
    return save(request, SubscriptionStore.newId(), null, 201);
  }

  private ApiResponse replace(ApiRequest request) {
    String id = request.pathParameters().get(0);
    Optional<Subscription> existing = store.get(id);
    if (existing.isEmpty()) {
      return notFound(request, id);
    }
    Delivery delivery = existing.get().delivery();
    return save(
        request, id, delivery.type() == Delivery.Type.WEBHOOK ? delivery.secret() : null, 200);
  }

  private ApiResponse save(ApiRequest request, String id, String keptSecret, int status) {
    JsonNode document;
    try {
      document = Json.mapper().readTree(request.body());
    } catch (IOException e) {
      return JsonResponse.invalid(
          List.of("the body is not JSON: " + e.getMessage()), request.path());
    }
    Subscription subscription;
    try {
      subscription = SubscriptionJson.read(document, id, keptSecret);
    } catch (InvalidSubscriptionException e) {
      return JsonResponse.invalid(e.problems(), request.path());
    }
    store.put(subscription);
    return new JsonResponse(status, SubscriptionJson.write(subscription, false));
  }

  private ApiResponse delete(ApiRequest request) {
    String id = request.pathParameters().get(0);
    if (!store.remove(id)) {
      return notFound(request, id);
    }
    return new BodyResponse(204, "application/json", new byte[0]);
  }

  private static JsonResponse notFound(ApiRequest request, String id) {
    return JsonResponse.error(404, "no subscription with id '" + id + "'", request.path());
  }
}
