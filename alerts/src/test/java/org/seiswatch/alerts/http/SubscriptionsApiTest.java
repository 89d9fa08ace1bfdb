package org.seiswatch.alerts.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.alerts.store.EventStore;
import org.seiswatch.alerts.subscription.SubscriptionStore;
import org.seiswatch.common.json.Json;

/** API keys and subscription management through the real HTTP server. */
class SubscriptionsApiTest {
  private static final String KEY = "k-0123456789";
  private static final String DOCUMENT =
      """
      {"name": "Hawaii", "policy": {"region": {"type": "circle", "latitude": 19.7,
        "longitude": -155.5, "radiusKm": 200}, "versions": ["New"]},
       "delivery": {"type": "webhook", "url": "https://example.org/hook",
        "secret": "0123456789abcdef"}}
      """;

  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();
  private SubscriptionStore subscriptions;
  private AlertsHttpServer server;

  @BeforeEach
  void start() {
    subscriptions = new SubscriptionStore(dir.resolve("subscriptions.json"));
    List<Route> routes = new ArrayList<>(new SubscriptionsApi(subscriptions).routes());
    routes.addAll(new EventsApi(new EventStore(10), Clock.systemUTC()).routes());
    server =
        new AlertsHttpServer(
            "127.0.0.1",
            0,
            routes,
            ApiKeyGuard.of(List.of("other-key", KEY), List.of("/", "/api/events")));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path, String key, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header(ApiKeyGuard.HEADER, key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswer401WhenSubscriptionChangeHasNoKey() throws Exception {
    HttpResponse<String> response = send("POST", "/api/subscriptions", null, DOCUMENT);

    assertEquals(401, response.statusCode());
    assertThat(response.body()).contains("needs an X-API-Key header");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(subscriptions.list()).isEmpty();
  }

  @Test
  void shouldAnswer401WhenKeyIsWrong() throws Exception {
    assertEquals(401, send("DELETE", "/api/subscriptions/x", "k-wrong", null).statusCode());
    assertEquals(401, send("GET", "/api/subscriptions", "", null).statusCode());
  }

  @Test
  void shouldServePublicPathWithoutKeyButNotSubscriptionsList() throws Exception {
    assertEquals(200, send("GET", "/api/events", null, null).statusCode());
    assertEquals(404, send("GET", "/api/events/none", null, null).statusCode());
    assertEquals(401, send("GET", "/api/subscriptions", null, null).statusCode());
  }

  @Test
  void shouldAnswer400ListingEveryProblemWhenPolicyIsBad() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/subscriptions",
            KEY,
            "{\"name\":\"x\",\"policy\":{\"minMagnitude\":99,\"versions\":[]},"
                + "\"delivery\":{\"type\":\"pigeon\"}}");

    assertEquals(400, response.statusCode());
    JsonNode body = Json.mapper().readTree(response.body());
    assertEquals(3, body.get("problems").size(), response.body());
    assertThat(body.get("message").asText())
        .startsWith("3 problems: ")
        .contains("policy.minMagnitude")
        .contains("policy.versions")
        .contains("delivery.type");
  }

  @Test
  void shouldAnswer400WhenBodyIsNotJson() throws Exception {
    HttpResponse<String> response = send("POST", "/api/subscriptions", KEY, "name=x");

    assertEquals(400, response.statusCode());
    assertThat(response.body()).contains("not JSON");
  }

  @Test
  void shouldCreateReadReplaceAndDeleteWhenKeyIsValid() throws Exception {
    HttpResponse<String> created = send("POST", "/api/subscriptions", KEY, DOCUMENT);
    assertEquals(201, created.statusCode(), created.body());
    JsonNode body = Json.mapper().readTree(created.body());
    String id = body.get("id").asText();
    assertThat(created.body()).doesNotContain("0123456789abcdef").contains("\"secretSet\":true");

    HttpResponse<String> read = send("GET", "/api/subscriptions/" + id, KEY, null);
    assertEquals(200, read.statusCode());
    assertEquals(body, Json.mapper().readTree(read.body()));

    String renamed = read.body().replace("\"Hawaii\"", "\"Big Island\"");
    HttpResponse<String> replaced = send("PUT", "/api/subscriptions/" + id, KEY, renamed);
    assertEquals(200, replaced.statusCode(), replaced.body());
    assertEquals("Big Island", subscriptions.get(id).orElseThrow().name());
    assertEquals("0123456789abcdef", subscriptions.get(id).orElseThrow().delivery().secret());

    assertEquals(
        1, Json.mapper().readTree(send("GET", "/api/subscriptions", KEY, null).body()).size());
    assertEquals(204, send("DELETE", "/api/subscriptions/" + id, KEY, null).statusCode());
    assertEquals(404, send("GET", "/api/subscriptions/" + id, KEY, null).statusCode());
  }
}
