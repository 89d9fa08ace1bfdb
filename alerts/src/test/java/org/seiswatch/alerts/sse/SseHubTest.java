package org.seiswatch.alerts.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seiswatch.alerts.Detections.ORIGIN;
import static org.seiswatch.alerts.Detections.version;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Detection;

class SseHubTest {
  private final SseHub hub = new SseHub(Duration.ofMillis(100));

  @AfterEach
  void stop() {
    hub.stop();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** A client stream that collects what it receives, thread-safely. */
  private static final class Client extends ByteArrayOutputStream {
    volatile boolean closed;

    synchronized String text() {
      return toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A client that has gone away: every write fails. */
  private static final class GoneClient extends OutputStream {
    volatile boolean closed;

    @Override
    public void write(int b) throws IOException {
      throw new IOException("broken pipe");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void shouldWriteEventFrameWithIdAndJsonDataWhenVersionArrives() throws Exception {
    Detection v2 = version("sw1", 2, ORIGIN, 4);
    Client client = new Client();
    hub.start();
    hub.open(client);
    await(() -> hub.clients() == 1);

    hub.accept(v2);
    await(() -> client.text().contains("event: detection"));

    String text = client.text();
    assertThat(text).startsWith("retry: 2000\n");
    assertThat(text)
        .contains("event: detection\nid: sw1/2\ndata: {\"Type\":\"Detection\",\"ID\":\"sw1\"");
    assertThat(text).endsWith("}\n\n");
    assertEquals(1, hub.sent());
  }

  @Test
  void shouldSendOnlyWantedVersionsWhenClientHasFilter() throws Exception {
    Client all = new Client();
    Client onlySw2 = new Client();
    hub.start();
    hub.open(all);
    hub.open(onlySw2, d -> d.id().equals("sw2"));
    await(() -> hub.clients() == 2);

    hub.accept(version("sw1", 1, ORIGIN, 4));
    hub.accept(version("sw2", 1, ORIGIN, 4));
    await(() -> all.text().contains("id: sw2/1") && onlySw2.text().contains("id: sw2/1"));

    assertThat(all.text()).contains("id: sw1/1");
    assertThat(onlySw2.text()).doesNotContain("id: sw1/1");
  }

  @Test
  void shouldSendHeartbeatCommentWhenIdle() throws Exception {
    Client client = new Client();
    hub.start();
    hub.open(client);

    await(() -> client.text().contains(": heartbeat\n\n"));
  }

  @Test
  void shouldDropAndCloseClientWhenWriteFails() throws Exception {
    Client staying = new Client();
    hub.start();
    hub.open(staying);
    await(() -> hub.clients() == 1);
    GoneClient gone = new GoneClient();
    hub.open(gone);

    hub.accept(version("sw1", 1, ORIGIN, 4));
    await(() -> staying.text().contains("id: sw1/1"));

    assertThat(gone.closed).isTrue();
    assertEquals(1, hub.clients());
  }

  @Test
  void shouldCloseClientsWhenStopped() throws Exception {
    Client client = new Client();
    hub.start();
    hub.open(client);
    await(() -> hub.clients() == 1);

    hub.stop();

    assertThat(client.closed).isTrue();
    assertEquals(0, hub.clients());
  }
}
