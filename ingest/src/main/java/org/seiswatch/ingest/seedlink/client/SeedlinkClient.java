package org.seiswatch.ingest.seedlink.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.seiswatch.ingest.seedlink.client.internal.Backoff;
import org.seiswatch.ingest.seedlink.client.internal.Connection;
import org.seiswatch.ingest.seedlink.client.internal.PacketChecker;
import org.seiswatch.ingest.seedlink.protocol.ChannelSelector;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.protocol.StreamSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SeedLink client that keeps one server's streams flowing into a {@link PacketSink}: it connects,
 * negotiates, checks every packet, and when the link breaks or stalls reconnects with capped
 * exponential backoff and jitter, resuming after the last sequence number the sink kept per
 * station. {@link #close()} says {@code BYE}.
 *
 * <p>Handshake, per the <a
 * href="https://docs.fdsn.org/projects/seedlink/en/latest/protocol.html">FDSN SeedLink 4.0
 * specification</a> and the SeedLink 3 protocol of <a
 * href="https://www.seiscomp.de/doc/apps/seedlink.html">SeisComP's seedlink</a>: {@code HELLO} (two
 * lines; the first lists capabilities such as {@code SLPROTO:4.0}); with 4.0 offered (or asked for)
 * {@code SLPROTO 4.0}; then per selector {@code STATION} ({@code NET_STA} in 4.0, {@code STA NET}
 * in 3.1), one {@code SELECT} per channel selector ({@code LOC_B_S_SS} in 4.0, {@code LLCCC} in
 * 3.1) and {@code DATA} with the next sequence number (decimal in 4.0, six hex digits in 3.1) or
 * none, each answered {@code OK} or {@code ERROR}; finally {@code END}. A station answered {@code
 * ERROR} is skipped (logged); none accepted is a failed attempt.
 */
public final class SeedlinkClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeedlinkClient.class);

  private final ClientSettings settings;
  private final PacketSink sink;
  private final Backoff backoff;
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong packets = new AtomicLong();
  private volatile boolean running;
  private volatile Connection connection;
  private Thread thread;

  public SeedlinkClient(ClientSettings settings, PacketSink sink) {
    this.settings = settings;
    this.sink = sink;
    this.backoff =
        new Backoff(
            settings.reconnectInitial(),
            settings.reconnectMax(),
            () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Starts the client thread. */
  public synchronized void start() {
    running = true;
    thread = new Thread(this::run, "seedlink-client-" + settings.server());
    thread.start();
  }

  /** Connections opened after the first. */
  public long reconnects() {
    return reconnects.get();
  }

  /** Packets received (good or not). */
  public long packets() {
    return packets.get();
  }

  private void run() {
    boolean first = true;
    while (running) {
      if (!first) {
        reconnects.incrementAndGet();
      }
      first = false;
      try {
        session();
      } catch (IOException | PacketSink.SinkException e) {
        if (running) {
          LOG.warn("SeedLink {}: {}", settings.server(), e.getMessage());
        }
      } catch (RuntimeException e) {
        // A failing sink (Kafka down) must not end ingest: back off and try again.
        LOG.error("SeedLink {}: unexpected failure, reconnecting", settings.server(), e);
      } finally {
        connection = null;
      }
      if (!running) {
        break;
      }
      Duration delay = backoff.next();
      LOG.info("SeedLink {}: reconnecting in {} ms", settings.server(), delay.toMillis());
      long until = System.nanoTime() + delay.toNanos();
      while (running && System.nanoTime() < until) {
        try {
          Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void session() throws IOException {
    try (Connection c =
        new Connection(
            settings.host(),
            settings.port(),
            settings.keepalive(),
            settings.timeout(),
            sink::tick)) {
      connection = c;
      if (!running) {
        return;
      }
      Protocol protocol = negotiate(c);
      Map<String, Long> resume = sink.resumePoints();
      int accepted = requestStations(c, protocol, resume);
      if (accepted == 0) {
        throw new IOException("the server accepted none of the selected stations");
      }
      c.send("END");
      c.startStreaming();
      sink.connected(protocol);
      LOG.info("SeedLink {}: streaming, protocol {}", settings.server(), protocol);
      PacketChecker checker =
          new PacketChecker(settings.server(), protocol, settings.selectors(), resume);
      boolean flowing = false;
      while (running) {
        PacketChecker.Outcome outcome = checker.check(c.readPacket(protocol));
        packets.incrementAndGet();
        if (!flowing) {
          flowing = true;
          backoff.reset();
        }
        if (outcome instanceof PacketChecker.Accepted a) {
          sink.accept(a.record());
        } else if (outcome instanceof PacketChecker.Rejected r) {
          LOG.warn(
              "SeedLink {}: packet {} rejected: {}",
              settings.server(),
              r.packet().sequence(),
              r.packet().reason());
          sink.reject(r.packet());
        } else {
          LOG.debug("SeedLink {}: resent packet dropped: {}", settings.server(), outcome);
        }
      }
    } finally {
      sink.disconnected();
    }
  }

  private Protocol negotiate(Connection c) throws IOException {
    List<String> hello = c.hello();
    LOG.info("SeedLink {}: {} / {}", settings.server(), hello.get(0), hello.get(1));
    boolean offers4 = hello.get(0).toUpperCase(Locale.ROOT).matches(".*\\bSLPROTO:4\\.\\d.*");
    Protocol protocol =
        settings.protocol() != null ? settings.protocol() : offers4 ? Protocol.V4_0 : Protocol.V3_1;
    if (protocol == Protocol.V4_0) {
      String answer = c.command("SLPROTO 4.0");
      if (!answer.startsWith("OK")) {
        throw new IOException("SLPROTO 4.0 refused: " + answer);
      }
      String agent = c.command("USERAGENT seiswatch");
      LOG.debug("USERAGENT: {}", agent);
    }
    return protocol;
  }

  private int requestStations(Connection c, Protocol protocol, Map<String, Long> resume)
      throws IOException {
    int accepted = 0;
    for (StreamSelector selector : settings.selectors()) {
      String station =
          protocol == Protocol.V4_0
              ? "STATION " + selector.stationId()
              : "STATION " + selector.station() + " " + selector.network();
      String answer = c.command(station);
      if (!answer.startsWith("OK")) {
        LOG.warn("SeedLink {}: {} refused: {}", settings.server(), station, answer);
        continue;
      }
      for (ChannelSelector channel : selector.channels()) {
        String select =
            "SELECT " + (protocol == Protocol.V4_0 ? channel.v4Selector() : channel.v3Selector());
        String reply = c.command(select);
        if (!reply.startsWith("OK")) {
          throw new IOException(select + " refused: " + reply);
        }
      }
      String data = dataCommand(selector, protocol, resume);
      String reply = c.command(data);
      if (!reply.startsWith("OK")) {
        throw new IOException(data + " refused: " + reply);
      }
      accepted++;
    }
    return accepted;
  }

  /**
   * {@code DATA} with the sequence after the last kept one; for a wildcard station pattern the
   * earliest over the stations it covers, so none misses data (the checker drops what is resent).
   */
  static String dataCommand(StreamSelector selector, Protocol protocol, Map<String, Long> resume) {
    Long next = null;
    for (Map.Entry<String, Long> e : resume.entrySet()) {
      if (selector.matchesStation(e.getKey())) {
        long candidate = e.getValue() + 1;
        if (protocol == Protocol.V3_1) {
          candidate &= Protocol.V3_SEQUENCE_MASK;
        }
        if (next == null || protocol.isAfter(next, candidate)) {
          next = candidate;
        }
      }
    }
    if (next == null) {
      return "DATA";
    }
    return protocol == Protocol.V4_0
        ? "DATA " + Long.toUnsignedString(next)
        : String.format(Locale.ROOT, "DATA %06X", next);
  }

  /** Says BYE, closes the connection and waits for the client thread. */
  @Override
  public void close() {
    List<Thread> toJoin = new ArrayList<>();
    synchronized (this) {
      running = false;
      if (thread != null) {
        toJoin.add(thread);
      }
    }
    Connection c = connection;
    if (c != null) {
      c.bye();
    }
    for (Thread t : toJoin) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
