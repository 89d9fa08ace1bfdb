package org.seiswatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.deploy.demo.Demo;
import org.seiswatch.deploy.demo.DemoSettings;
import org.seiswatch.deploy.testing.TopicReader;
import org.seiswatch.ingest.replay.ReplaySummary;

/**
 * The demo's path end to end through a real embedded broker: miniSEED → picks → event → alert and
 * API.
 */
class DemoIT {

  @Test
  void shouldDetectTheHawaiiEarthquakeWhenBundledEventIsReplayed() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Demo demo =
        new Demo(DemoSettings.forTests(), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      demo.start();
      ReplaySummary replay = demo.replay();
      assertEquals(0, replay.deadLetters());
      assertEquals(6, replay.stations());

      assertTrue(demo.awaitSettled(Duration.ofMinutes(3)), "pipeline did not settle with an event");

      List<Detection> versions = demo.events();
      Set<String> ids = versions.stream().map(Detection::id).collect(Collectors.toSet());
      Map<String, Detection> standing = new java.util.LinkedHashMap<>();
      versions.forEach(d -> standing.put(d.id(), d));
      standing.values().removeIf(d -> d.detectionType() == DetectionType.RETRACT);
      // The mainshock exactly once: one standing event within a minute of the catalog origin.
      List<Detection> near =
          standing.values().stream().filter(d -> Math.abs(secondsFromCatalog(d)) <= 60).toList();
      assertEquals(1, near.size(), "expected the mainshock once, got " + standing.keySet());
      Detection latest = near.get(0);
      String mainId = latest.id();
      // Anything else is a later event close by (the archive holds an aftershock at 03:15:27).
      for (Detection other : standing.values()) {
        if (!other.id().equals(mainId)) {
          assertThat(secondsFromCatalog(other)).as(other.id()).isGreaterThan(60);
          assertThat(kmFromCatalog(other)).as(other.id()).isLessThan(30);
        }
      }
      Hypocenter h = latest.hypocenter();
      double km = kmFromCatalog(latest);
      double seconds = secondsFromCatalog(latest);
      System.out.printf(
          "DemoIT: %s v%d epicentre error %.1f km, depth %.1f km, origin error %+.2f s, %d picks"
              + " (%d S) at %d stations; %d events; seis.picks %d P, %d S%n",
          latest.id(),
          latest.version(),
          km,
          h.depth(),
          seconds,
          latest.data().size(),
          latest.data().stream().filter(p -> p.phase() == Phase.S).count(),
          latest.data().stream().map(p -> p.stationKey()).distinct().count(),
          standing.size(),
          demo.picks().stream().filter(p -> p.phase() == Phase.P).count(),
          demo.picks().stream().filter(p -> p.phase() == Phase.S).count());
      assertThat(km).isLessThan(25.0);
      assertThat(Math.abs(seconds)).isLessThanOrEqualTo(3.0);
      assertThat(latest.data()).hasSizeGreaterThanOrEqualTo(4);
      // PhaseNet is the default picker: the event carries P and S picks.
      assertThat(latest.data()).anyMatch(p -> p.phase() == Phase.P);
      assertThat(latest.data()).anyMatch(p -> p.phase() == Phase.S);
      assertThat(latest.data()).allMatch(p -> "phasenet".equals(p.picker()));
      // Issue 5's bar for PhaseNet picks: 10 km, depth within 10 km of 13.3, origin within 1.5 s,
      // P at 5 or more stations, errors reported, and no reliable magnitude from clipped records.
      assertThat(km).isLessThanOrEqualTo(10.0);
      assertThat(Math.abs(h.depth() - DemoEvent.DEPTH_KM)).isLessThanOrEqualTo(10.0);
      assertThat(Math.abs(seconds)).isLessThanOrEqualTo(1.5);
      assertThat(
              latest.data().stream()
                  .filter(p -> p.phase() == Phase.P)
                  .map(p -> p.stationKey())
                  .distinct()
                  .count())
          .isGreaterThanOrEqualTo(5);
      assertThat(h.latitudeError()).isNotNull();
      assertThat(h.depthError()).isNotNull();
      assertThat(latest.magnitude() == null || !latest.magnitude().reliable())
          .as("magnitude of clipped records %s", latest.magnitude())
          .isTrue();

      assertThat(demo.picks().stream().map(p -> p.stationKey()).collect(Collectors.toSet()))
          .containsAll(DemoEvent.STATIONS.stream().map(s -> "HV." + s).toList());
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("PICK  HV.HUAD..HHZ")
          .contains("EVENT " + latest.id() + " v1 New");

      // Every version reached seis.alerts, and the HTTP API lists the event.
      assertEquals(
          versions.size(),
          TopicReader.readAll(
                  demo.bootstrapServers(),
                  Topics.ALERTS.name(),
                  versions.size(),
                  Duration.ofSeconds(10))
              .size());
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + demo.httpPort() + "/api/events"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      JsonNode list = Json.mapper().readTree(response.body());
      assertEquals(ids.size(), list.size());
      List<String> listed = new java.util.ArrayList<>();
      list.forEach(e -> listed.add(e.get("ID").asText()));
      assertThat(listed).contains(latest.id());
    }
  }

  private static double secondsFromCatalog(Detection d) {
    return Duration.between(DemoEvent.ORIGIN_TIME, d.hypocenter().time()).toMillis() / 1000.0;
  }

  private static double kmFromCatalog(Detection d) {
    Hypocenter h = d.hypocenter();
    return Geo.distanceKm(DemoEvent.LATITUDE, DemoEvent.LONGITUDE, h.latitude(), h.longitude());
  }
}
