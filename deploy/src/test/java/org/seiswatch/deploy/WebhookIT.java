package org.seiswatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.alerts.AlertService;
import org.seiswatch.alerts.AlertsConfig;
import org.seiswatch.alerts.webhook.WebhookSignature;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.deploy.testing.EventWriter;
import org.seiswatch.deploy.testing.KafkaBroker;

/**
 * Issue 7 acceptance, webhooks, through a real broker: a receiver that answers 500 to the first
 * three POSTs, then is down for a few seconds, then up again, while the alerts service is stopped
 * and started again (a new instance reading the same subscriptions file). Every alert of several
 * events with several versions arrives exactly once per {@code Idempotency-Key} (the graceful
 * restart leaves no at-least-once window), every signature verifies, and the versions of each event
 * arrive in order.
 */
@Timeout(120)
class WebhookIT {
  private static final String API_KEY = "it-api-key-0123456789";
  private static final String SECRET = "it-webhook-secret-0123456789";
  private static final List<String> EVENTS = eventIdsOnEveryPartition(4);
  private static final List<DetectionType> VERSIONS =
      List.of(DetectionType.NEW, DetectionType.UPDATE, DetectionType.FINAL);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  /**
   * {@code count} event ids whose alerts (keyed by event id, default partitioner) fall on every
   * partition of {@code seis.alerts}, so ordering is checked within and across partitions.
   */
  private static List<String> eventIdsOnEveryPartition(int count) {
    int partitions = Topics.ALERTS.spec().partitions();
    List<String> ids = new ArrayList<>();
    Set<Integer> covered = new HashSet<>();
    for (int n = 0; ids.size() < count; n++) {
      String id = "sw-wh-" + n;
      int partition =
          Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
      if (covered.add(partition) || covered.size() == partitions) {
        ids.add(id);
      }
    }
    return List.copyOf(ids);
  }

  /** One accepted POST as the receiver saw it. */
  private record Received(String key, String event, int version, boolean signatureValid) {}

  /** The subscriber's endpoint: JDK HttpServer on 127.0.0.1, stoppable and restartable. */
  private static final class Receiver {
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final List<Received> accepted = new ArrayList<>();
    int port;
    HttpServer server;

    void start() throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (true) {
        try {
          server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
          break;
        } catch (BindException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
      server.createContext("/hook", this::handle);
      server.start();
      port = server.getAddress().getPort();
    }

    /** Waits for the exchanges in hand (they answer at once), so none is cut half-answered. */
    void stop() {
      server.stop(1);
    }

    private void handle(HttpExchange exchange) throws IOException {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (requests.incrementAndGet() <= 3) {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(500, -1);
        exchange.close();
        return;
      }
      var headers = exchange.getRequestHeaders();
      boolean valid =
          WebhookSignature.verify(
              SECRET,
              headers.getFirst("X-Seiswatch-Timestamp"),
              body,
              headers.getFirst("X-Seiswatch-Signature"));
      JsonNode alert = Json.mapper().readTree(body);
      String event = headers.getFirst("X-Seiswatch-Event");
      int version = Integer.parseInt(headers.getFirst("X-Seiswatch-Version"));
      boolean consistent =
          (event + ":" + version).equals(headers.getFirst("Idempotency-Key"))
              && event.equals(alert.get("eventId").asText())
              && version == alert.get("version").asInt();
      synchronized (accepted) {
        accepted.add(
            new Received(headers.getFirst("Idempotency-Key"), event, version, valid && consistent));
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    }

    List<Received> accepted() {
      synchronized (accepted) {
        return List.copyOf(accepted);
      }
    }

    Set<String> keys() {
      Set<String> keys = new HashSet<>();
      accepted().forEach(r -> keys.add(r.key()));
      return keys;
    }
  }

  private AlertService service(String bootstrapServers) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(AlertsConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    settings.put(AlertsConfig.GROUP_ID, "it-alerts-webhook");
    settings.put(AlertsConfig.HTTP_HOST, "127.0.0.1");
    settings.put(AlertsConfig.HTTP_PORT, 0);
    settings.put(AlertsConfig.API_KEYS, API_KEY);
    settings.put(AlertsConfig.SUBSCRIPTIONS_FILE, dir.resolve("subscriptions.json").toString());
    settings.put(AlertsConfig.WEBHOOK_RETRY_INITIAL_MS, 100);
    settings.put(AlertsConfig.WEBHOOK_RETRY_BACKOFF_MAX_MS, 400);
    settings.put(AlertsConfig.WEBHOOK_CONNECT_TIMEOUT_MS, 1000);
    settings.put(AlertsConfig.WEBHOOK_REQUEST_TIMEOUT_MS, 2000);
    return new AlertService(AlertsConfig.from(settings));
  }

  private static HttpResponse<String> api(
      AlertService service, String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
            .timeout(Duration.ofSeconds(10))
            .header("X-API-Key", API_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within 40 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void write(EventWriter writer, String event, int version) throws Exception {
    writer.write(EventWriter.version(event, version, VERSIONS.get(version - 1), 4 + version));
  }

  @Test
  void shouldDeliverEveryAlertOnceInOrderWhenReceiverFailsAndServiceRestarts() throws Exception {
    Receiver receiver = new Receiver();
    receiver.start();
    try (KafkaBroker broker = new KafkaBroker();
        EventWriter writer = new EventWriter(broker.bootstrapServers())) {
      AlertService first = service(broker.bootstrapServers());
      first.start();
      String subscriptionId;
      try {
        HttpResponse<String> created =
            api(
                first,
                "POST",
                "/api/subscriptions",
                """
                {"name": "it receiver",
                 "policy": {"region": {"type": "circle", "latitude": 19.7, "longitude": -155.8,
                            "radiusKm": 100}},
                 "delivery": {"type": "webhook", "url": "http://127.0.0.1:%d/hook",
                              "secret": "%s"}}
                """
                    .formatted(receiver.port, SECRET));
        assertEquals(201, created.statusCode(), created.body());
        subscriptionId = Json.mapper().readTree(created.body()).get("id").asText();

        for (int version = 1; version <= 2; version++) {
          for (String event : EVENTS) {
            write(writer, event, version);
          }
        }
        await("five alerts delivered", () -> receiver.keys().size() >= 5);
        receiver.stop();
        write(writer, EVENTS.get(0), 3);
        write(writer, EVENTS.get(1), 3);
        Thread.sleep(1000);
      } finally {
        first.stop();
      }

      AlertService second = service(broker.bootstrapServers());
      second.start();
      try {
        Thread.sleep(2000); // receiver still down: connection refused, retried with backoff
        receiver.start();
        write(writer, EVENTS.get(2), 3);
        write(writer, EVENTS.get(3), 3);

        Set<String> expected = new HashSet<>();
        for (String event : EVENTS) {
          for (int version = 1; version <= VERSIONS.size(); version++) {
            expected.add(event + ":" + version);
          }
        }
        await("every alert delivered", () -> receiver.keys().containsAll(expected));
        Thread.sleep(1500); // room for a late duplicate to show

        List<Received> accepted = receiver.accepted();
        assertEquals(expected, receiver.keys());
        assertEquals(
            expected.size(),
            accepted.size(),
            "duplicates: the graceful restart leaves no at-least-once window");
        assertThat(accepted).allMatch(Received::signatureValid, "signature verifies");
        assertEquals(3, receiver.refused.get());
        Map<String, List<Integer>> arrivals = new LinkedHashMap<>();
        accepted.forEach(
            r -> arrivals.computeIfAbsent(r.event(), e -> new ArrayList<>()).add(r.version()));
        for (String event : EVENTS) {
          assertEquals(List.of(1, 2, 3), arrivals.get(event), "versions of " + event + " in order");
        }

        HttpResponse<String> deliveries =
            api(second, "GET", "/api/subscriptions/" + subscriptionId + "/deliveries", null);
        assertEquals(200, deliveries.statusCode());
        JsonNode attempts = Json.mapper().readTree(deliveries.body()).get("deliveries");
        List<String> outcomes = new ArrayList<>();
        attempts.forEach(a -> outcomes.add(a.get("outcome").asText()));
        assertThat(outcomes).contains("delivered", "retry").doesNotContain("gave_up");
      } finally {
        second.stop();
      }
    } finally {
      receiver.stop();
    }
  }
}
