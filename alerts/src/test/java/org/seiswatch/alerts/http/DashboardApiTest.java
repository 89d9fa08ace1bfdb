package org.seiswatch.alerts.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.AlertsConfig;
import org.seiswatch.alerts.stations.StationDirectory;
import org.seiswatch.alerts.subscription.SubscriptionStore;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StationHealth;

/** The dashboard and the station API behind the default API-key settings. */
class DashboardApiTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

  private final HttpClient client = HttpClient.newHttpClient();
  private final StationDirectory stations =
      new StationDirectory(Duration.ofSeconds(30), Duration.ofSeconds(60));
  private AlertsHttpServer server;

  @BeforeEach
  void startServer() {
    AlertsConfig config =
        AlertsConfig.from(Map.of("bootstrap.servers", "b:9092", "api.keys", "secret-key"));
    List<Route> routes = new ArrayList<>(new DashboardApi().routes());
    routes.addAll(new StationsApi(stations, Clock.fixed(NOW, ZoneOffset.UTC)).routes());
    routes.addAll(new SubscriptionsApi(new SubscriptionStore(null)).routes());
    server =
        new AlertsHttpServer(
            "127.0.0.1", 0, routes, ApiKeyGuard.of(config.apiKeys(), config.publicPaths()));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldServeThePageAndItsFilesWithoutKeyWhenDefaultsApply() throws Exception {
    HttpResponse<String> page = get("/");
    HttpResponse<String> script = get("/dashboard/app.js");
    HttpResponse<String> land = get("/dashboard/land-50m.json");

    assertEquals(200, page.statusCode());
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.body()).contains("data-event-list", "/dashboard/app.js");
    assertEquals(200, script.statusCode());
    assertThat(script.body()).contains("EventSource('/api/feed')");
    assertEquals(200, land.statusCode());
    assertThat(Json.mapper().readTree(land.body()).get("rings").size()).isGreaterThan(1000);
  }

  @Test
  void shouldAnswer404WhenTheFileIsUnknownOrOutsideTheDashboard() throws Exception {
    assertEquals(404, get("/dashboard/nothing.js").statusCode());
    assertEquals(404, get("/dashboard/..%2FAlertsConfig.class").statusCode());
    assertEquals(404, get("/dashboard/PROVENANCE.exe").statusCode());
  }

  @Test
  void shouldKeepSubscriptionsGuardedWhenTheDashboardIsPublic() throws Exception {
    assertEquals(401, get("/api/subscriptions").statusCode());
  }

  @Test
  void shouldListStationsWithStateWithoutKeyWhenDefaultsApply() throws Exception {
    stations.put(new Station("HV", "HUAD", 19.68, -155.83, 2204, List.of()));
    stations.put(
        "HV.HUAD",
        new StationHealth(
            "HV.HUAD", NOW, NOW.minusSeconds(3), NOW.minusSeconds(4), 40.0, 1, 12, "ok"));

    HttpResponse<String> response = get("/api/stations");

    assertEquals(200, response.statusCode());
    JsonNode huad = Json.mapper().readTree(response.body()).get(0);
    assertEquals("HV.HUAD", huad.get("code").asText());
    assertEquals("late", huad.get("state").asText());
    assertEquals(40.0, huad.get("latencySeconds").asDouble());
    assertEquals("2026-01-01T00:09:57.000Z", huad.get("lastPacket").asText());
    assertEquals(400, get("/api/stations?x=1").statusCode());
  }
}
