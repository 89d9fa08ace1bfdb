package org.seiswatch.alerts.sse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.seiswatch.alerts.format.NeicJsonFormat;
import org.seiswatch.common.model.Detection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed as Server-Sent Events (WHATWG HTML, "Server-sent events",
 * https://html.spec.whatwg.org/multipage/server-sent-events.html): every event version handed to
 * {@link #accept} goes to every connected client as
 *
 * <pre>
 * event: detection
 * id: sw201904140309023/2
 * data: {"Type":"Detection","ID":"sw201904140309023","Version":2,...}
 * </pre>
 *
 * with a comment line ({@code : heartbeat}) every heartbeat interval so proxies keep the connection
 * and a client that left is noticed: a client whose write fails is dropped. All writes happen on
 * one thread, so the frames of one client never interleave.
 */
public final class SseHub implements Consumer<Detection> {
  private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);

  /** One connected client and the versions it wants (a subscription's policy, or all). */
  private record Client(OutputStream body, Predicate<Detection> wants) {}

  private final Duration heartbeat;
  private final NeicJsonFormat json = new NeicJsonFormat();
  // Touched only on the hub thread.
  private final List<Client> clients = new ArrayList<>();
  private final AtomicLong connected = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private ScheduledExecutorService executor;

  public SseHub(Duration heartbeat) {
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat " + heartbeat + " must be positive");
    }
    this.heartbeat = heartbeat;
  }

  /** Starts the hub thread and the heartbeat. */
  public synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("SSE hub already started");
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "seiswatch-alerts-sse");
              thread.setDaemon(true);
              return thread;
            });
    long millis = heartbeat.toMillis();
    executor.scheduleAtFixedRate(
        () -> broadcast(": heartbeat\n\n", null), millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes over the body of a new client's response: tells it the reconnection delay and keeps it
   * until a write fails or the hub stops.
   */
  public void open(OutputStream body) {
    open(body, d -> true);
  }

  /** Like {@link #open(OutputStream)}, sending only the versions {@code wants} accepts. */
  public void open(OutputStream body, Predicate<Detection> wants) {
    submit(
        () -> {
          if (write(body, "retry: 2000\n: connected\n\n")) {
            clients.add(new Client(body, wants));
            connected.set(clients.size());
          }
        },
        body);
  }

  /** Sends one event version to every client (asynchronously, on the hub thread). */
  @Override
  public void accept(Detection detection) {
    String frame = frame(detection);
    submit(
        () -> {
          broadcast(frame, detection);
          sent.incrementAndGet();
        },
        null);
  }

  /** The SSE frame of one version; {@code data} split at line breaks as the format requires. */
  String frame(Detection detection) {
    String data = new String(json.write(detection), StandardCharsets.UTF_8);
    StringBuilder frame = new StringBuilder("event: detection\n");
    frame
        .append("id: ")
        .append(detection.id())
        .append('/')
        .append(detection.version())
        .append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return frame.append('\n').toString();
  }

  /** To every client, or with {@code detection} only to those that want it. */
  private void broadcast(String frame, Detection detection) {
    clients.removeIf(
        client ->
            (detection == null || client.wants().test(detection)) && !write(client.body(), frame));
    connected.set(clients.size());
  }

  /** Writes and flushes; on failure closes the stream and returns false. */
  private static boolean write(OutputStream client, String text) {
    try {
      client.write(text.getBytes(StandardCharsets.UTF_8));
      client.flush();
      return true;
    } catch (IOException e) {
      LOG.debug("SSE client gone: {}", e.toString());
      close(client);
      return false;
    }
  }

  private static void close(OutputStream client) {
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("closing an SSE client: {}", e.toString());
    }
  }

  private synchronized void submit(Runnable task, OutputStream orphan) {
    try {
      if (executor == null) {
        throw new RejectedExecutionException("SSE hub not running");
      }
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      if (orphan != null) {
        close(orphan);
      }
    }
  }

  /** Clients connected now. */
  public long clients() {
    return connected.get();
  }

  /** Event versions broadcast since start. */
  public long sent() {
    return sent.get();
  }

  /** Closes every client's stream and stops the hub thread. Safe to call more than once. */
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    ScheduledExecutorService running = executor;
    executor = null;
    running.execute(
        () -> {
          clients.forEach(client -> close(client.body()));
          clients.clear();
          connected.set(0);
        });
    running.shutdown();
    try {
      if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.shutdownNow();
    }
  }
}
