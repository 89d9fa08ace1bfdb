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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Detection;
import org.seiswatch.deploy.demo.Demo;
import org.seiswatch.deploy.demo.DemoSettings;
import org.seiswatch.deploy.testing.HeadlessChromium;

/**
 * Issue 7, dashboard: the demo's pipeline (embedded broker, detector, alerts, replay of the bundled
 * event) with the dashboard open in a real headless chromium before the replay starts: the event
 * must reach the list and the map through the live feed, the stations must show with their health,
 * and the event page must draw picks and waveforms. Screenshots go to {@code target/screenshots/}
 * (a build artifact, for people to look at).
 */
class DashboardBrowserIT {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @Test
  void shouldShowTheEventLiveAndDrawItsPicksAndWaveformsWhenTheDemoEventIsReplayed()
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (HeadlessChromium browser =
            HeadlessChromium.launch(SCREENSHOTS.resolve("chromium.log"), 1400, 1000);
        Demo demo =
            new Demo(
                DemoSettings.forTests(), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      demo.start();
      String base = "http://127.0.0.1:" + demo.httpPort();
      browser.navigate(base + "/");
      browser.awaitTrue(
          "document.querySelector('[data-feed-state]').dataset.feedState === 'open'",
          Duration.ofSeconds(20));
      browser.awaitTrue(
          "document.querySelector('[data-coastline]') !== null", Duration.ofSeconds(20));

      demo.replay();

      // The event arrives through /api/feed while the page is open.
      browser.awaitTrue(
          "document.querySelector('#event-list [data-event-id]') !== null", Duration.ofMinutes(3));
      String id =
          browser
              .evaluate("document.querySelector('#event-list [data-event-id]').dataset.eventId")
              .asText();
      browser.awaitTrue(
          "document.querySelector('[data-map-event-id=\"" + id + "\"]') !== null",
          Duration.ofSeconds(10));
      // Six stations on the map and in the table, with health from the replay.
      browser.awaitTrue(
          "document.querySelectorAll('[data-map-station]').length === 6"
              + " && document.querySelectorAll('[data-station-table] tr[data-station]').length === 6"
              + " && [...document.querySelectorAll('tr[data-station]')]"
              + ".every(r => r.dataset.state !== 'unknown')",
          Duration.ofSeconds(30));
      assertTrue(demo.awaitSettled(Duration.ofMinutes(3)), "pipeline did not settle");
      Set<String> ids = demo.events().stream().map(Detection::id).collect(Collectors.toSet());
      assertThat(ids).contains(id);
      browser.awaitTrue(
          "document.querySelectorAll('#event-list [data-event-id]').length === " + ids.size(),
          Duration.ofSeconds(10));
      browser.screenshot(SCREENSHOTS.resolve("dashboard-overview.png"));

      JsonNode stations = get(base + "/api/stations");
      assertEquals(6, stations.size());
      for (JsonNode s : stations) {
        assertThat(s.get("packets").asLong()).as(s.get("code").asText()).isPositive();
        assertThat(s.get("latitude").isNumber()).isTrue();
      }

      // The event page: versions, picks with residuals, waveforms with the picks marked.
      browser.evaluate("location.hash = '#/event/" + id + "'");
      browser.awaitTrue(
          "document.querySelector('[data-event-page=\"" + id + "\"] [data-picks]') !== null",
          Duration.ofSeconds(10));
      browser.awaitTrue(
          "document.querySelector('[data-waveforms]').dataset.waveforms === 'loaded'",
          Duration.ofSeconds(60));
      int picks = browser.evaluate("document.querySelectorAll('tr[data-pick-id]').length").asInt();
      int versions =
          browser.evaluate("document.querySelectorAll('tr[data-version]').length").asInt();
      int plotted =
          browser
              .evaluate("document.querySelectorAll('svg[data-waveform-station]').length")
              .asInt();
      int traces =
          browser
              .evaluate(
                  "[...document.querySelectorAll('polyline[data-channel]')]"
                      + ".filter(p => Number(p.dataset.points) > 100).length")
              .asInt();
      int markers =
          browser.evaluate("document.querySelectorAll('[data-pick-marker]').length").asInt();
      int residuals =
          browser
              .evaluate(
                  "[...document.querySelectorAll('td[data-residual]')]"
                      + ".filter(td => td.dataset.residual !== '').length")
              .asInt();
      browser.screenshot(SCREENSHOTS.resolve("dashboard-event.png"));
      System.out.printf(
          "DashboardBrowserIT: event %s, %d versions, %d picks (%d with residual), %d stations"
              + " plotted, %d traces, %d pick markers; screenshots in %s%n",
          id, versions, picks, residuals, plotted, traces, markers, SCREENSHOTS.toAbsolutePath());
      assertThat(picks).isGreaterThanOrEqualTo(4);
      assertEquals(picks, residuals);
      assertThat(versions).isPositive();
      assertThat(plotted).isGreaterThanOrEqualTo(4);
      assertThat(traces).isGreaterThanOrEqualTo(plotted);
      assertEquals(picks, markers);
      assertThat(Files.size(SCREENSHOTS.resolve("dashboard-event.png"))).isGreaterThan(10_000);
    }
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url);
    return Json.mapper().readTree(response.body());
  }
}
