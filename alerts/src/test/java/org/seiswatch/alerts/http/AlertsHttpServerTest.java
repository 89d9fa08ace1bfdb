package org.seiswatch.alerts.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seiswatch.alerts.Detections.ORIGIN;
import static org.seiswatch.alerts.Detections.version;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.store.EventStore;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Detection;

class AlertsHttpServerTest {
  private static final TypeReference<List<Detection>> DETECTIONS = new TypeReference<>() {};

  private final EventStore store = new EventStore(100);
  private final FakeHealth health = new FakeHealth();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private AlertsHttpServer server;

  @BeforeEach
  void startServer() {
    List<Route> routes = new ArrayList<>(new HealthApi(health).routes());
    routes.addAll(
        new EventsApi(store, Clock.fixed(Instant.parse("2019-04-14T03:10:00Z"), ZoneOffset.UTC))
            .routes());
    server = new AlertsHttpServer("127.0.0.1", 0, routes);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }

  @Test
  void shouldAnswerUpWhenConsumerAlive() throws Exception {
    health.alive = true;
    health.consumed = 7;

    HttpResponse<String> response = send("GET", "/health");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("UP", json(response).get("status").asText());
    assertEquals(7, json(response).get("recordsConsumed").asLong());
  }

  @Test
  void shouldAnswer503WhenConsumerNotAlive() throws Exception {
    health.alive = false;

    HttpResponse<String> response = send("GET", "/health");

    assertEquals(503, response.statusCode());
    assertEquals("DOWN", json(response).get("status").asText());
  }

  @Test
  void shouldListLatestVersionNewestOriginFirstWhenEventsStored() throws Exception {
    Detection olderV1 = version("sw-old", 1, ORIGIN, 4);
    Detection olderV2 = version("sw-old", 2, ORIGIN, 6);
    Detection newer = version("sw-new", 1, ORIGIN.plusSeconds(3600), 5);
    store.add(olderV1);
    store.add(olderV2);
    store.add(newer);

    HttpResponse<String> response = send("GET", "/api/events");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(List.of(newer, olderV2), Json.mapper().readValue(response.body(), DETECTIONS));
    assertEquals("Detection", json(response).get(0).get("Type").asText());
  }

  @Test
  void shouldAnswerEmptyArrayWhenNoEvents() throws Exception {
    HttpResponse<String> response = send("GET", "/api/events");

    assertEquals(200, response.statusCode());
    assertEquals("[]", response.body());
  }

  @Test
  void shouldReturnEveryVersionWhenOneEventRequested() throws Exception {
    Detection v1 = version("sw1", 1, ORIGIN, 4);
    Detection v2 = version("sw1", 2, ORIGIN, 6);
    store.add(v2);
    store.add(v1);
    store.add(version("sw2", 1, ORIGIN, 4));

    HttpResponse<String> response = send("GET", "/api/events/sw1");

    assertEquals(200, response.statusCode());
    assertEquals(List.of(v1, v2), Json.mapper().readValue(response.body(), DETECTIONS));
  }

  @Test
  void shouldAnswer404WithMessageWhenEventUnknown() throws Exception {
    HttpResponse<String> response = send("GET", "/api/events/sw404");

    assertEquals(404, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(404, json(response).get("status").asInt());
    assertThat(json(response).get("message").asText()).contains("sw404");
  }

  @Test
  void shouldAnswer404WhenPathUnknown() throws Exception {
    HttpResponse<String> response = send("GET", "/healthz");

    assertEquals(404, response.statusCode());
    assertThat(json(response).get("message").asText()).contains("/healthz");
  }

  @Test
  void shouldAnswer405WithAllowHeaderWhenMethodNotGet() throws Exception {
    HttpResponse<String> response = send("POST", "/api/events");

    assertEquals(405, response.statusCode());
    assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
    assertThat(json(response).get("message").asText()).contains("POST");
  }

  @Test
  void shouldAnswer500WhenRouteFails() throws Exception {
    server.stop();
    server =
        new AlertsHttpServer(
            "127.0.0.1",
            0,
            List.of(
                Route.get(
                    "/boom",
                    request -> {
                      throw new IllegalStateException("broken");
                    })));
    server.start();

    HttpResponse<String> response = send("GET", "/boom");

    assertEquals(500, response.statusCode());
    assertThat(json(response).get("message").asText()).contains("internal error");
  }

  @Test
  void shouldRefuseConnectionsPromptlyWhenStopped() throws Exception {
    int port = server.port();
    long start = System.nanoTime();

    server.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  private static final class FakeHealth implements HealthApi.HealthCheck {
    volatile boolean alive = true;
    volatile long consumed;

    @Override
    public boolean consumerAlive() {
      return alive;
    }

    @Override
    public long recordsConsumed() {
      return consumed;
    }

    @Override
    public int eventsRetained() {
      return 0;
    }
  }
}
