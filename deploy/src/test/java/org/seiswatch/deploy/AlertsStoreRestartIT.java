package org.seiswatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.AlertService;
import org.seiswatch.alerts.AlertsConfig;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.deploy.testing.EventWriter;
import org.seiswatch.deploy.testing.KafkaBroker;

/**
 * The alerts service's event store is complete after a restart and on a second instance: it reads
 * {@code seis.events} from the beginning with its own group-less consumer, although the group
 * consumer has committed past the event.
 */
class AlertsStoreRestartIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static AlertService service(String bootstrapServers) {
    return new AlertService(
        AlertsConfig.from(
            Map.of(
                AlertsConfig.BOOTSTRAP_SERVERS,
                bootstrapServers,
                AlertsConfig.GROUP_ID,
                "it-alerts-restart",
                AlertsConfig.HTTP_HOST,
                "127.0.0.1",
                AlertsConfig.HTTP_PORT,
                0)));
  }

  private static JsonNode events(AlertService service) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/api/events"))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return Json.mapper().readTree(response.body());
  }

  private static JsonNode awaitEvents(AlertService service, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode events = events(service);
    while (events.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      events = events(service);
    }
    return events;
  }

  @Test
  void shouldStillListEventWhenServiceRestartsAgainstSameBroker() throws Exception {
    try (KafkaBroker broker = new KafkaBroker();
        EventWriter writer = new EventWriter(broker.bootstrapServers())) {
      writer.write(EventWriter.version("sw-restart", 1, DetectionType.NEW, 5));

      AlertService first = service(broker.bootstrapServers());
      try {
        first.start();
        assertEquals(1, awaitEvents(first, 1).size());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (first.recordsConsumed() < 1 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertEquals(1, first.recordsConsumed(), "group consumer published the alert");
      } finally {
        first.stop();
      }

      AlertService second = service(broker.bootstrapServers());
      try {
        second.start();
        JsonNode events = awaitEvents(second, 1);

        assertEquals(1, events.size());
        assertEquals("sw-restart", events.get(0).get("ID").asText());
        // Same group: its committed offset is past the event, so only the store feed saw it.
        assertEquals(0, second.recordsConsumed());
        assertThat(second.versionsStored()).isEqualTo(1);
      } finally {
        second.stop();
      }
    }
  }
}
