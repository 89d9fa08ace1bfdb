package org.seiswatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.AlertService;
import org.seiswatch.alerts.AlertsConfig;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.deploy.testing.EventWriter;
import org.seiswatch.deploy.testing.KafkaBroker;

/**
 * Issue 7 acceptance, SSE: a client of {@code GET /api/feed} receives the New and the Update of an
 * event, each within 1 s of it reaching {@code seis.events} (measured from the producer's
 * acknowledgement to the frame's arrival at the client).
 */
class AlertsSseIT {
  private static final Duration MAX_DELAY = Duration.ofSeconds(1);

  /** One SSE frame as received, with the client's arrival time. */
  private record Frame(String event, String id, String data, long receivedNanos) {}

  @Test
  void shouldDeliverNewAndUpdateWithinOneSecondWhenWrittenToEvents() throws Exception {
    try (KafkaBroker broker = new KafkaBroker();
        EventWriter writer = new EventWriter(broker.bootstrapServers())) {
      AlertService service =
          new AlertService(
              AlertsConfig.from(
                  Map.of(
                      AlertsConfig.BOOTSTRAP_SERVERS,
                      broker.bootstrapServers(),
                      AlertsConfig.GROUP_ID,
                      "it-alerts-sse",
                      AlertsConfig.HTTP_HOST,
                      "127.0.0.1",
                      AlertsConfig.HTTP_PORT,
                      0,
                      AlertsConfig.SSE_HEARTBEAT_MS,
                      500)));
      service.start();
      HttpClient http = HttpClient.newHttpClient();
      try {
        HttpResponse<InputStream> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.httpPort() + "/api/feed"))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("text/event-stream");
        BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(response.body(), frames), "it-sse-reader");
        reader.setDaemon(true);
        reader.start();
        awaitFeedReady(service);

        Detection v1 = EventWriter.version("sw-sse", 1, DetectionType.NEW, 4);
        Detection v2 = EventWriter.version("sw-sse", 2, DetectionType.UPDATE, 6);
        List<Long> delaysMillis = new ArrayList<>();
        for (Detection version : List.of(v1, v2)) {
          writer.write(version);
          long written = System.nanoTime();
          Frame frame = nextDetection(frames);
          assertNotNull(frame, "no frame for v" + version.version() + " within 10 s");
          long delay = TimeUnit.NANOSECONDS.toMillis(frame.receivedNanos() - written);
          delaysMillis.add(delay);
          assertEquals("sw-sse/" + version.version(), frame.id());
          assertEquals(version, Json.mapper().readValue(frame.data(), Detection.class));
        }
        System.out.printf(
            "AlertsSseIT: New after %d ms, Update after %d ms%n",
            delaysMillis.get(0), delaysMillis.get(1));
        assertThat(delaysMillis).allSatisfy(d -> assertThat(d).isLessThan(MAX_DELAY.toMillis()));
        response.body().close();
      } finally {
        service.stop();
      }
    }
  }

  /**
   * Waits until the client is registered and the store consumer has its partitions, so that what is
   * written next counts as live.
   */
  private static void awaitFeedReady(AlertService service) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((service.feedClients() < 1 || !service.storeCaughtUp())
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, service.feedClients(), "SSE client registered");
    assertThat(service.storeCaughtUp()).as("event store caught up").isTrue();
  }

  private static Frame nextDetection(BlockingQueue<Frame> frames) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Frame frame = frames.poll(100, TimeUnit.MILLISECONDS);
      if (frame != null && "detection".equals(frame.event())) {
        return frame;
      }
    }
    return null;
  }

  /** Parses the event stream into frames (comments skipped) until it ends. */
  private static void read(InputStream body, BlockingQueue<Frame> frames) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = null;
      String id = null;
      StringBuilder data = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          if (event != null || data.length() > 0) {
            frames.add(new Frame(event, id, data.toString(), System.nanoTime()));
          }
          event = null;
          id = null;
          data.setLength(0);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data.append(data.length() > 0 ? "\n" : "").append(line.substring(6));
        }
      }
    } catch (java.io.IOException e) {
      // The stream ends when the test closes it or the service stops.
    }
  }
}
