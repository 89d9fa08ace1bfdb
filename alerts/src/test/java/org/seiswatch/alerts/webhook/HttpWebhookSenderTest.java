package org.seiswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real HTTP client against a JDK {@link HttpServer} on 127.0.0.1. */
@Timeout(20)
class HttpWebhookSenderTest {
  private static final String SECRET = "0123456789abcdef";
  private static final byte[] BODY = "{\"eventId\":\"sw1\"}".getBytes(StandardCharsets.UTF_8);

  private final HttpWebhookSender sender =
      new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofMillis(500));
  private final List<String> verified = new CopyOnWriteArrayList<>();
  private HttpServer server;

  private URI start(int status, long delayMillis) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String timestamp = exchange.getRequestHeaders().getFirst("X-Seiswatch-Timestamp");
          String signature = exchange.getRequestHeaders().getFirst("X-Seiswatch-Signature");
          if (WebhookSignature.verify(SECRET, timestamp, body, signature)
              && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
              && "sw1:3".equals(exchange.getRequestHeaders().getFirst("Idempotency-Key"))) {
            verified.add(new String(body, StandardCharsets.UTF_8));
          }
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static WebhookRequest request(URI url) {
    return WebhookRequest.signed(
        url, SECRET, "sub-1", "sw1", 3, 1, 1_700_000_000L, "application/json", BODY);
  }

  @Test
  void shouldSendSignedBodyAndReturnStatusWhenReceiverAnswers() throws Exception {
    URI url = start(202, 0);

    WebhookResponse response = sender.send(request(url));

    assertEquals(202, response.status());
    assertTrue(response.delivered());
    assertEquals(List.of("{\"eventId\":\"sw1\"}"), verified);
  }

  @Test
  void shouldReportStatusNotDeliveredWhenReceiverFails() throws Exception {
    URI url = start(500, 0);

    WebhookResponse response = sender.send(request(url));

    assertEquals(500, response.status());
    assertFalse(response.delivered());
  }

  @Test
  void shouldReportErrorWhenReceiverIsSlowerThanTimeout() throws Exception {
    URI url = start(200, 3000);

    WebhookResponse response = sender.send(request(url));

    assertNull(response.status());
    assertThat(response.error()).startsWith("timeout");
  }

  @Test
  void shouldReportErrorWhenNothingListens() throws Exception {
    URI url = start(200, 0);
    server.stop(0);
    server = null;

    WebhookResponse response = sender.send(request(url));

    assertFalse(response.delivered());
    assertThat(response.error()).isNotBlank();
  }

  @Test
  void shouldKeepBodyBytesWhenRequestIsBuilt() {
    WebhookRequest request = request(URI.create("http://127.0.0.1/hook"));

    assertArrayEquals(BODY, request.body());
  }
}
