package org.seiswatch.alerts.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seiswatch.alerts.Detections.ORIGIN;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.Detections;
import org.seiswatch.alerts.store.EventStore;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.DetectionType;

/** The query parameters and formats of {@code /api/events} through the real HTTP server. */
class EventsApiTest {
  private final EventStore store = new EventStore(100);
  private final HttpClient client = HttpClient.newHttpClient();
  private AlertsHttpServer server;

  @BeforeEach
  void start() {
    Clock clock = Clock.fixed(Instant.parse("2019-04-14T04:00:00Z"), ZoneOffset.UTC);
    server =
        new AlertsHttpServer("127.0.0.1", 0, new ArrayList<>(new EventsApi(store, clock).routes()));
    server.start();
    // Hawaii at 03:09, Fiji (across the antimeridian) at 05:09, Chile at 07:09.
    store.add(Detections.detection("hawaii", 1, DetectionType.NEW, ORIGIN, 19.7, -155.8, 13, 4));
    store.add(
        Detections.detection(
            "fiji", 1, DetectionType.NEW, ORIGIN.plusSeconds(7200), -17.9, 179.5, 550, 5));
    store.add(
        Detections.detection(
            "chile", 1, DetectionType.NEW, ORIGIN.plusSeconds(14400), -33.0, -71.6, 30, 6));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<String> ids(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    assertEquals(200, response.statusCode(), response.body());
    List<String> ids = new ArrayList<>();
    Json.mapper().readTree(response.body()).forEach(d -> ids.add(d.get("ID").asText()));
    return ids;
  }

  @Test
  void shouldFilterByOriginTimeWhenSinceAndUntilGiven() throws Exception {
    assertEquals(
        List.of("fiji"), ids("/api/events?since=2019-04-14T04:00:00Z&until=2019-04-14T06:00:00Z"));
    assertEquals(List.of("chile", "fiji"), ids("/api/events?since=2019-04-14T05:09:02.310Z"));
  }

  @Test
  void shouldFilterByBoxWhenLatitudeAndLongitudeBoundsGiven() throws Exception {
    assertEquals(
        List.of("hawaii"),
        ids("/api/events?minlatitude=0&maxlatitude=30&minlongitude=-170&maxlongitude=-150"));
    assertEquals(List.of("chile", "fiji"), ids("/api/events?maxlatitude=0"));
  }

  @Test
  void shouldSelectAcrossAntimeridianWhenMinLongitudeAboveMax() throws Exception {
    assertEquals(List.of("fiji"), ids("/api/events?minlongitude=170&maxlongitude=-170"));
  }

  @Test
  void shouldExcludeEventsWithoutMagnitudeWhenMinMagnitudeGiven() throws Exception {
    assertEquals(List.of(), ids("/api/events?minmagnitude=2.5"));
  }

  @Test
  void shouldReturnAtMostLimitNewestFirstWhenLimitGiven() throws Exception {
    assertEquals(List.of("chile", "fiji"), ids("/api/events?limit=2"));
  }

  @Test
  void shouldAnswer400ListingEveryProblemWhenParametersAreBad() throws Exception {
    HttpResponse<String> response =
        get(
            "/api/events?since=yesterday&minlatitude=95&maxlongitude=east&format=csv&colour=red"
                + "&limit=0");

    assertEquals(400, response.statusCode());
    JsonNode body = Json.mapper().readTree(response.body());
    List<String> problems = new ArrayList<>();
    body.get("problems").forEach(p -> problems.add(p.asText()));
    assertEquals(6, problems.size(), problems.toString());
    assertThat(String.join("\n", problems))
        .contains("unknown parameter 'colour'")
        .contains("since='yesterday'")
        .contains("minlatitude=95 is outside [-90, 90]")
        .contains("maxlongitude='east' is not a number")
        .contains("format='csv' is not one of json|geojson|quakeml")
        .contains("limit='0'");
    assertThat(body.get("message").asText()).startsWith("6 problems: ");
  }

  @Test
  void shouldAnswer400WhenSinceAfterUntil() throws Exception {
    HttpResponse<String> response =
        get("/api/events?since=2019-04-15T00:00:00Z&until=2019-04-14T00:00:00Z");

    assertEquals(400, response.statusCode());
    assertThat(response.body()).contains("is after until");
  }

  @Test
  void shouldAnswerGeoJsonFeatureCollectionWhenFormatIsGeojson() throws Exception {
    HttpResponse<String> response = get("/api/events?format=geojson&maxlatitude=0");

    assertEquals(200, response.statusCode());
    assertEquals(
        "application/geo+json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode root = Json.mapper().readTree(response.body());
    assertEquals(2, root.at("/metadata/count").asInt());
    assertThat(root.at("/metadata/url").asText())
        .endsWith("/api/events?format=geojson&maxlatitude=0");
    assertThat(root.at("/features/0/properties/detail").asText())
        .isEqualTo("http://127.0.0.1:" + server.port() + "/api/events/chile?format=geojson");
  }

  @Test
  void shouldAnswerQuakeMlWithEveryVersionWhenOneEventAskedAsQuakeml() throws Exception {
    store.add(
        Detections.detection("hawaii", 2, DetectionType.UPDATE, ORIGIN, 19.71, -155.8, 12, 6));

    HttpResponse<String> response = get("/api/events/hawaii?format=quakeml");

    assertEquals(200, response.statusCode());
    assertEquals("application/xml", response.headers().firstValue("Content-Type").orElseThrow());
    assertThat(response.body())
        .contains("<q:quakeml")
        .contains("smi:org.seiswatch/origin/hawaii/1")
        .contains("smi:org.seiswatch/origin/hawaii/2");
  }

  @Test
  void shouldAnswer400WhenOneEventAskedWithUnknownParameter() throws Exception {
    HttpResponse<String> response = get("/api/events/hawaii?since=2019-01-01T00:00:00Z");

    assertEquals(400, response.statusCode());
    assertThat(response.body()).contains("unknown parameter 'since'");
  }
}
