package org.seiswatch.deploy.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.mseed.Steim2Records;
import org.seiswatch.ingest.seedlink.protocol.PacketFormat;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live SeedLink server of synthetic stations for benchmarks, behaving like a digitizer feeding a
 * ring buffer: every stream ({@code SY.Snnnn..HHE/HHN/HHZ}, 100 Hz) produces Gaussian noise with
 * sample times near now, packed into 512-byte Steim-2 miniSEED 2 records ({@link Steim2Records}); a
 * record is released, with the next sequence number of the server, as soon as the time of its last
 * sample has passed. Stream starts are staggered so that releases spread evenly.
 *
 * <p>Protocols: the subset of SeedLink 3.1 and 4.0 (<a
 * href="https://docs.fdsn.org/projects/seedlink/en/latest/protocol.html">FDSN SeedLink 4.0</a>)
 * that {@code SeedlinkIngest} uses: {@code HELLO}, {@code SLPROTO}, {@code USERAGENT}, {@code
 * STATION}, {@code SELECT} (accepted, every station is sent), {@code DATA [seq]} ({@code DATA}
 * alone starts at the next released record, as on a live server), {@code END}, {@code INFO} and
 * {@code BYE}. The archive server ({@code SeedlinkServer}) cannot serve data that does not exist
 * yet, hence this class.
 *
 * <p>{@code speed} makes data time run that many times faster than wall time from the start (a load
 * multiplier); {@link #wallTime} maps a data time back to the wall time at which the record ending
 * then was complete.
 */
public final class SyntheticSeedlinkServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticSeedlinkServer.class);
  static final double RATE = 100;
  static final String NETWORK = "SY";
  static final List<String> CHANNELS = List.of("HHE", "HHN", "HHZ");

  /** Packets kept for clients asking for an older sequence (about 25 MB). */
  private static final int RETAINED = 50_000;

  private final int stations;
  private final double speed;
  private final long seed;
  private final ArrayDeque<Packet> ring = new ArrayDeque<>();
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private long nextSequence;
  private long released;
  private Instant origin;
  private long originNanos;
  private ServerSocket listener;
  private Thread generator;
  private Thread acceptor;
  private volatile boolean closed;

  private record Packet(long sequence, String stationId, byte[] record) {}

  /**
   * @param stations how many stations, three channels each
   * @param speed data time per wall time (1 = real time)
   * @param seed seed of the noise and of the staggering
   */
  public SyntheticSeedlinkServer(int stations, double speed, long seed) {
    if (stations < 1 || stations > 9999) {
      throw new IllegalArgumentException("stations must be 1..9999, got " + stations);
    }
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be > 0, got " + speed);
    }
    this.stations = stations;
    this.speed = speed;
    this.seed = seed;
  }

  /** Listens on 127.0.0.1 (a free port) and starts producing data. */
  public synchronized SyntheticSeedlinkServer start() throws IOException {
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Instant now = Instant.now();
    originNanos = System.nanoTime();
    origin = now.truncatedTo(ChronoUnit.MILLIS).minusMillis(now.toEpochMilli() % 10);
    originNanos -= Duration.between(origin, now).toNanos();
    List<Generated> streams = new ArrayList<>();
    Random stagger = new Random(seed);
    for (int s = 1; s <= stations; s++) {
      for (String channel : CHANNELS) {
        StreamId id = new StreamId(NETWORK, String.format(Locale.ROOT, "S%04d", s), "", channel);
        // up to about one record duration in the past, on the 10 ms sample grid
        Instant first = origin.minusMillis(10L * stagger.nextInt(300));
        streams.add(new Generated(id, first, new Random(seed * 1_000_003 + streams.size())));
      }
    }
    generator = new Thread(() -> generate(streams), "synthetic-seedlink-generator");
    generator.setDaemon(true);
    generator.start();
    acceptor = new Thread(this::accept, "synthetic-seedlink-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
    LOG.info(
        "synthetic SeedLink server on 127.0.0.1:{}: {} stations x {} channels, {} Hz, speed {}",
        port(),
        stations,
        CHANNELS.size(),
        RATE,
        speed);
    return this;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Records released so far. */
  public synchronized long released() {
    return released;
  }

  /** The wall time at which data time {@code dataTime} was reached (itself at speed 1). */
  public Instant wallTime(Instant dataTime) {
    long nanos = Duration.between(origin, dataTime).toNanos();
    return origin.plusNanos((long) (nanos / speed));
  }

  private long releaseNanos(Instant dataTime) {
    return originNanos + (long) (Duration.between(origin, dataTime).toNanos() / speed);
  }

  /** One stream's noise, cut into records. */
  private final class Generated {
    final StreamId id;
    final String stationId;
    final Instant start;
    final Random random;
    final double phase;
    int[] pending = new int[0];
    long samplesDone;
    long recordCount;
    Integer previous;
    byte[] next;
    long nextRelease;

    Generated(StreamId id, Instant start, Random random) {
      this.id = id;
      this.stationId = id.network() + "_" + id.station();
      this.start = start;
      this.random = random;
      this.phase = random.nextDouble() * 2 * Math.PI;
      prepare();
    }

    /** Encodes the next record and computes when its last sample is due. */
    void prepare() {
      if (pending.length < 1200) {
        int old = pending.length;
        pending = Arrays.copyOf(pending, old + 1200);
        for (int i = old; i < pending.length; i++) {
          double t = (samplesDone + i) / RATE;
          pending[i] =
              (int)
                  Math.round(
                      80 * random.nextGaussian() + 400 * Math.sin(2 * Math.PI * 0.2 * t + phase));
        }
      }
      Instant recordStart = start.plus(MiniSeedRecord.samplesToDuration(samplesDone, RATE));
      Steim2Records.Encoded e =
          Steim2Records.encode(id, recordStart, RATE, pending, 0, previous, recordCount++);
      next = e.record();
      int n = e.samples();
      previous = pending[n - 1];
      pending = Arrays.copyOfRange(pending, n, pending.length);
      samplesDone += n;
      Instant lastSample = start.plus(MiniSeedRecord.samplesToDuration(samplesDone - 1, RATE));
      nextRelease = releaseNanos(lastSample);
    }
  }

  private void generate(List<Generated> streams) {
    PriorityQueue<Generated> due =
        new PriorityQueue<>((a, b) -> Long.compare(a.nextRelease, b.nextRelease));
    due.addAll(streams);
    while (!closed) {
      Generated g = due.poll();
      long wait = g.nextRelease - System.nanoTime();
      while (wait > 0 && !closed) {
        LockSupport.parkNanos(wait);
        wait = g.nextRelease - System.nanoTime();
      }
      publish(g.stationId, g.next);
      g.prepare();
      due.add(g);
    }
  }

  private synchronized void publish(String stationId, byte[] record) {
    ring.addLast(new Packet(nextSequence++, stationId, record));
    if (ring.size() > RETAINED) {
      ring.removeFirst();
    }
    released++;
    notifyAll();
  }

  /** Packets from sequence {@code from} on; waits up to 500 ms for one. */
  private synchronized List<Packet> after(long from) throws InterruptedException {
    if (nextSequence <= from && !closed) {
      wait(500);
    }
    List<Packet> out = new ArrayList<>();
    for (Packet p : ring) {
      if (p.sequence() >= from) {
        out.add(p);
      }
    }
    return out;
  }

  private synchronized long head() {
    return nextSequence;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        clients.add(socket);
        Thread t =
            new Thread(
                () -> serve(socket), "synthetic-seedlink-" + socket.getRemoteSocketAddress());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("accepting a client failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      Protocol protocol = Protocol.V3_1;
      Long start = null;
      String line;
      while ((line = readLine(in)) != null) {
        String[] args = line.trim().split("\\s+");
        String verb = args[0].toUpperCase(Locale.ROOT);
        if (verb.equals("HELLO")) {
          write(
              out,
              "SeedLink v4.0 (Seiswatch synthetic) :: SLPROTO:3.1 SLPROTO:4.0 CAP MULTISTATION\r\n"
                  + "Seiswatch synthetic\r\n");
        } else if (verb.equals("SLPROTO") && args.length == 2) {
          protocol = Protocol.parse(args[1]);
          write(out, "OK\r\n");
        } else if (verb.equals("DATA")) {
          if (args.length >= 2) {
            start =
                protocol == Protocol.V4_0
                    ? Long.parseUnsignedLong(args[1])
                    : Long.parseLong(args[1], 16);
          }
          write(out, "OK\r\n");
        } else if (verb.equals("END")) {
          stream(socket, in, out, protocol, start == null ? head() : start);
          return;
        } else if (verb.equals("BYE")) {
          return;
        } else if (verb.equals("INFO")) {
          write(out, protocol == Protocol.V4_0 ? "ERROR UNSUPPORTED INFO\r\n" : "ERROR\r\n");
        } else {
          write(out, "OK\r\n");
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        LOG.debug("synthetic SeedLink client gone: {}", e.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(socket);
    }
  }

  private void stream(Socket socket, InputStream in, OutputStream out, Protocol protocol, long from)
      throws IOException, InterruptedException {
    Thread commands =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = readLine(in)) != null) {
                  String verb = line.trim().split("\\s+")[0].toUpperCase(Locale.ROOT);
                  // INFO (a keepalive after silence) is not needed: data never stops
                  if (verb.equals("BYE")) {
                    break;
                  }
                }
              } catch (IOException e) {
                LOG.debug("synthetic SeedLink client input closed: {}", e.toString());
              }
              try {
                socket.close();
              } catch (IOException e) {
                LOG.debug("closing", e);
              }
            },
            "synthetic-seedlink-cmd");
    commands.setDaemon(true);
    commands.start();
    long next = from;
    while (!closed && !socket.isClosed()) {
      List<Packet> packets = after(next);
      if (packets.isEmpty()) {
        continue;
      }
      synchronized (out) {
        for (Packet p : packets) {
          if (protocol == Protocol.V4_0) {
            out.write(
                PacketFormat.v4Header('2', 'D', p.record().length, p.sequence(), p.stationId()));
          } else {
            out.write(PacketFormat.v3Header(p.sequence()));
          }
          out.write(p.record());
        }
        out.flush();
      }
      next = packets.get(packets.size() - 1).sequence() + 1;
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    synchronized (out) {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        return line.isEmpty() ? null : line.toString();
      }
      if (c == '\r' || c == '\n') {
        if (!line.isEmpty()) {
          return line.toString();
        }
        continue;
      }
      if (line.length() > 1024) {
        throw new IOException("command line longer than 1024 characters");
      }
      line.append((char) c);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    if (listener != null) {
      listener.close();
    }
    for (Socket s : clients) {
      s.close();
    }
    if (generator != null) {
      LockSupport.unpark(generator);
    }
  }
}
