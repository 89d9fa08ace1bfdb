package org.seiswatch.alerts.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.subscription.Delivery;
import org.seiswatch.alerts.subscription.Policy;
import org.seiswatch.alerts.subscription.Subscription;
import org.seiswatch.alerts.subscription.SubscriptionStore;
import org.seiswatch.alerts.webhook.DeliveryAttempt;
import org.seiswatch.alerts.webhook.DeliveryLog;
import org.seiswatch.common.json.Json;

/** {@code GET /api/subscriptions/{id}/deliveries} through the real HTTP server. */
class DeliveriesApiTest {
  private static final String KEY = "k-0123456789";

  private final HttpClient client = HttpClient.newHttpClient();
  private final SubscriptionStore subscriptions = new SubscriptionStore(null);
  private final DeliveryLog log = new DeliveryLog(10);
  private AlertsHttpServer server;

  @BeforeEach
  void start() {
    subscriptions.put(
        new Subscription(
            "s1",
            "hook",
            Policy.everything(),
            new Delivery(
                Delivery.Type.WEBHOOK, URI.create("http://127.0.0.1:1/h"), "0123456789abcdef")));
    List<Route> routes = new ArrayList<>(new SubscriptionsApi(subscriptions).routes());
    routes.addAll(new DeliveriesApi(subscriptions, log).routes());
    server =
        new AlertsHttpServer("127.0.0.1", 0, routes, ApiKeyGuard.of(List.of(KEY), List.of("/")));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("X-API-Key", key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldListAttemptsNewestFirstWhenKeyIsValid() throws Exception {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    log.record(new DeliveryAttempt("s1", "sw1", 1, 1, t, 500, null, DeliveryAttempt.Outcome.RETRY));
    log.record(
        new DeliveryAttempt(
            "s1", "sw1", 1, 2, t.plusSeconds(1), 200, null, DeliveryAttempt.Outcome.DELIVERED));

    HttpResponse<String> response = get("/api/subscriptions/s1/deliveries", KEY);

    assertEquals(200, response.statusCode());
    JsonNode body = Json.mapper().readTree(response.body());
    assertEquals("s1", body.get("subscription").asText());
    assertEquals(2, body.get("deliveries").size());
    assertEquals("delivered", body.get("deliveries").get(0).get("outcome").asText());
    assertEquals(2, body.get("deliveries").get(0).get("attempt").asInt());
    assertEquals(500, body.get("deliveries").get(1).get("status").asInt());
  }

  @Test
  void shouldRefuseWhenKeyIsMissing() throws Exception {
    assertEquals(401, get("/api/subscriptions/s1/deliveries", null).statusCode());
  }

  @Test
  void shouldAnswer404WhenSubscriptionIsUnknown() throws Exception {
    assertEquals(404, get("/api/subscriptions/nope/deliveries", KEY).statusCode());
  }
}
