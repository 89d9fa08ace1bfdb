package org.seiswatch.ingest.seedlink.server.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.ingest.seedlink.protocol.ChannelSelector;
import org.seiswatch.ingest.seedlink.protocol.Glob;
import org.seiswatch.ingest.seedlink.protocol.PacketFormat;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.server.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the archive server: the handshake (HELLO, SLPROTO, STATION, SELECT,
 * DATA/FETCH, END; INFO and BYE at any time), then the packets the client asked for, in sequence
 * order, paced if the server is. See {@link org.seiswatch.ingest.seedlink.server.SeedlinkServer}.
 */
public final class ClientSession implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
  private static final String SOFTWARE = "Seiswatch SeedLink archive server";
  private static final String ORGANIZATION = "Seiswatch";

  private final Socket socket;
  private final Archive archive;
  private final ServerSettings settings;
  private final long startNanos;
  private final String peer;
  private final InputStream in;
  private final OutputStream out;
  private final List<Request> requests = new ArrayList<>();
  private Protocol protocol = Protocol.V3_1;
  private Request current;
  private final AtomicLong sent;
  private volatile boolean closed;

  public ClientSession(
      Socket socket, Archive archive, ServerSettings settings, long startNanos, AtomicLong sent)
      throws IOException {
    this.sent = sent;
    this.socket = socket;
    this.archive = archive;
    this.settings = settings;
    this.startNanos = startNanos;
    this.peer = socket.getRemoteSocketAddress().toString();
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  @Override
  public void run() {
    try {
      if (handshake()) {
        Thread commands = new Thread(this::readCommandsWhileStreaming, "seedlink-cmd-" + peer);
        commands.setDaemon(true);
        commands.start();
        stream();
      }
    } catch (IOException e) {
      if (!closed) {
        LOG.debug("client {} gone: {}", peer, e.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  /** Closes at once: a reset, unsent data dropped, as when a server dies. */
  public void close() {
    closed = true;
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing {}", peer, e);
    }
  }

  /** Returns true when data transfer starts, false on BYE or end of input. */
  private boolean handshake() throws IOException {
    String line;
    while ((line = readLine()) != null) {
      String[] args = line.trim().split("\\s+");
      String verb = args[0].toUpperCase(Locale.ROOT);
      LOG.debug("{} > {}", peer, line);
      switch (verb) {
        case "" -> {
          continue;
        }
        case "HELLO" -> hello();
        case "SLPROTO" -> slproto(args);
        case "USERAGENT", "CAPABILITIES" -> ok();
        case "STATION" -> station(args);
        case "SELECT" -> select(args);
        case "DATA", "FETCH" -> {
          if (data(args)) {
            return true;
          }
        }
        case "END", "ENDFETCH" -> {
          return true;
        }
        case "INFO" -> info();
        case "BYE" -> {
          return false;
        }
        default -> error("UNSUPPORTED", "command " + verb + " not supported");
      }
    }
    return false;
  }

  private void hello() throws IOException {
    StringBuilder caps = new StringBuilder();
    for (Protocol p : Protocol.values()) {
      if (settings.protocols().contains(p)) {
        caps.append(" SLPROTO:").append(p.label());
      }
    }
    Protocol best = settings.protocols().contains(Protocol.V4_0) ? Protocol.V4_0 : Protocol.V3_1;
    write(
        "SeedLink v"
            + best.label()
            + " (Seiswatch) ::"
            + caps
            + " CAP MULTISTATION\r\n"
            + "Seiswatch archive\r\n");
  }

  private void slproto(String[] args) throws IOException {
    Protocol requested;
    try {
      requested = args.length == 2 ? Protocol.parse(args[1]) : null;
    } catch (IllegalArgumentException e) {
      requested = null;
    }
    if (requested == null || !settings.protocols().contains(requested)) {
      error("UNSUPPORTED", "unsupported protocol version");
      return;
    }
    protocol = requested;
    ok();
  }

  private void station(String[] args) throws IOException {
    String pattern;
    if (protocol == Protocol.V4_0 && args.length == 2) {
      pattern = args[1];
    } else if (protocol == Protocol.V3_1 && (args.length == 2 || args.length == 3)) {
      pattern = (args.length == 3 ? args[2] : "*") + "_" + args[1];
    } else {
      error("ARGUMENTS", "STATION requires " + (protocol == Protocol.V4_0 ? "NET_STA" : "STA NET"));
      return;
    }
    boolean known = false;
    for (int i = 0; i < archive.size() && !known; i++) {
      known = Glob.matches(pattern, archive.entry(i).stationId());
    }
    if (!known) {
      current = null;
      error("ARGUMENTS", "no station " + pattern + " here");
      return;
    }
    current = new Request(pattern);
    requests.add(current);
    ok();
  }

  private void select(String[] args) throws IOException {
    if (args.length < 2) {
      error("ARGUMENTS", "SELECT requires a pattern");
      return;
    }
    if (current == null) {
      current = new Request("*");
      requests.add(current);
    }
    try {
      for (int i = 1; i < args.length; i++) {
        current.selectors.add(
            protocol == Protocol.V4_0 ? v4Selector(args[i]) : v3Selector(args[i]));
      }
    } catch (IllegalArgumentException e) {
      error("ARGUMENTS", e.getMessage());
      return;
    }
    ok();
  }

  private static Predicate<StreamId> v3Selector(String arg) {
    if (arg.startsWith("!")) {
      throw new IllegalArgumentException("negated selectors are not supported");
    }
    ChannelSelector selector = ChannelSelector.parse(arg);
    return selector::matches;
  }

  private static Predicate<StreamId> v4Selector(String arg) {
    String pattern = arg.toUpperCase(Locale.ROOT);
    if (pattern.endsWith(".D")) {
      pattern = pattern.substring(0, pattern.length() - 2);
    }
    String p = pattern;
    return id -> Glob.matches(p, sourceIdSuffix(id));
  }

  /** {@code LOC_B_S_SS}, the part of an FDSN source id after {@code NET_STA_}. */
  static String sourceIdSuffix(StreamId id) {
    String c = id.channel();
    String channel = String.join("_", c.split(""));
    return id.location() + "_" + channel;
  }

  /** Returns true when data transfer starts at once (uni-station mode). */
  private boolean data(String[] args) throws IOException {
    Long start = null;
    if (args.length >= 2) {
      if (protocol == Protocol.V4_0) {
        if (!args[1].equalsIgnoreCase("ALL")) {
          try {
            start = Long.parseUnsignedLong(args[1]);
          } catch (NumberFormatException e) {
            error("ARGUMENTS", "invalid sequence number " + args[1]);
            return false;
          }
        } else {
          start = 0L;
        }
      } else {
        long seq24 = PacketFormat.v3Sequence(args[1].length() < 6 ? pad(args[1]) : args[1]);
        if (seq24 < 0) {
          error("ARGUMENTS", "invalid sequence number " + args[1]);
          return false;
        }
        start = v3Full(seq24);
      }
    }
    if (current == null) {
      current = new Request("*");
      current.start = start;
      requests.add(current);
      return true;
    }
    current.start = start;
    ok();
    return false;
  }

  private static String pad(String hex) {
    return "0".repeat(6 - hex.length()) + hex;
  }

  /**
   * Maps a 24-bit v3 sequence to the full v3 sequence nearest below the newest released one (v3
   * sequence numbers count repacked records, {@link Archive}).
   */
  private long v3Full(long seq24) {
    long head =
        settings.speed() == 0
            ? archive.v3Size() - 1
            : Math.max(0, archive.v3Sequence(released(), 0) - 1);
    long candidate = (head & ~Protocol.V3_SEQUENCE_MASK) | seq24;
    if (candidate > head && candidate > Protocol.V3_SEQUENCE_MASK) {
      candidate -= Protocol.V3_SEQUENCE_MASK + 1;
    }
    return candidate;
  }

  /** How many sequence numbers the pacing clock has released so far. */
  private long released() {
    if (settings.speed() == 0) {
      return Long.MAX_VALUE;
    }
    long n = 0;
    while ((settings.loop() || n < archive.size()) && releaseNanos(n) <= System.nanoTime()) {
      n++;
    }
    return n;
  }

  private long releaseNanos(long sequence) {
    Duration offset = Duration.between(archive.first().startTime(), archive.dataTime(sequence));
    return startNanos + (long) (offset.toNanos() / settings.speed());
  }

  private void stream() throws IOException, InterruptedException {
    long seq = Long.MAX_VALUE;
    for (Request r : requests) {
      long start = r.start == null ? 0 : r.start;
      // v3 requests name v3 sequence numbers; the loop below walks archive sequences
      seq = Math.min(seq, protocol == Protocol.V3_1 ? archive.archiveSequence(start) : start);
    }
    LOG.info("client {} streaming {} from sequence {}", peer, protocol, seq);
    while (!closed) {
      if (!settings.loop() && seq >= archive.size()) {
        out.flush();
        Thread.sleep(100);
        continue;
      }
      if (settings.speed() > 0) {
        long wait = releaseNanos(seq) - System.nanoTime();
        if (wait > 0) {
          out.flush();
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      send(seq, archive.entry(seq));
      seq++;
      if (settings.speed() > 0) {
        out.flush();
      }
    }
  }

  private boolean wanted(long seq, ArchiveEntry entry) {
    for (Request r : requests) {
      if ((r.start == null || seq >= r.start) && r.matches(entry)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sends archive sequence {@code seq} if asked for: over 4.0 the record as it is; over 3.1 its
   * 512-byte v2 records (itself, or its repacked records) under their v3 sequence numbers.
   */
  private void send(long seq, ArchiveEntry entry) throws IOException {
    if (protocol == Protocol.V4_0) {
      if (wanted(seq, entry)) {
        sendRecord(seq, entry, archive.read(entry));
      }
      return;
    }
    if (requests.stream().noneMatch(r -> r.matches(entry))) {
      return;
    }
    List<byte[]> records = archive.v3Records(seq);
    for (int piece = 0; piece < records.size(); piece++) {
      long seq3 = archive.v3Sequence(seq, piece);
      if (wanted(seq3, entry)) {
        sendRecord(seq3, entry, records.get(piece));
      }
    }
  }

  /** One packet, with the faults injected for its sequence number. */
  private void sendRecord(long seq, ArchiveEntry entry, byte[] record) throws IOException {
    byte[] payload = record;
    if (settings.faults().corrupt().contains(seq)) {
      payload = Damage.corrupt(record);
    } else if (settings.faults().wrongLength().contains(seq)) {
      payload = protocol == Protocol.V3_1 ? Damage.claimLength(record, 10) : Damage.append(record);
    }
    packet(seq, entry, payload);
    if (settings.faults().sequenceJump().contains(seq)) {
      packet(Math.max(0, seq - 1), entry, record);
    }
  }

  private void packet(long seq, ArchiveEntry entry, byte[] payload) throws IOException {
    synchronized (out) {
      if (protocol == Protocol.V4_0) {
        char format = entry.formatVersion() == 3 ? '3' : '2';
        out.write(PacketFormat.v4Header(format, 'D', payload.length, seq, entry.stationId()));
      } else {
        out.write(PacketFormat.v3Header(seq));
      }
      out.write(payload);
    }
    sent.incrementAndGet();
  }

  private void readCommandsWhileStreaming() {
    try {
      String line;
      while (!closed && (line = readLine()) != null) {
        String verb = line.trim().split("\\s+")[0].toUpperCase(Locale.ROOT);
        if (verb.equals("BYE")) {
          LOG.info("client {} said BYE", peer);
          break;
        } else if (verb.equals("INFO")) {
          info();
        } else if (!verb.isEmpty()) {
          LOG.debug("{}: ignored {} during data transfer", peer, line);
        }
      }
    } catch (IOException e) {
      LOG.debug("client {} input closed: {}", peer, e.toString());
    } finally {
      close();
    }
  }

  private void info() throws IOException {
    synchronized (out) {
      if (protocol == Protocol.V4_0) {
        byte[] json =
            InfoRecords.v4IdJson(SOFTWARE, ORGANIZATION).getBytes(StandardCharsets.US_ASCII);
        out.write(PacketFormat.v4Header('J', 'I', json.length, 0, ""));
        out.write(json);
      } else {
        out.write("SLINFO  ".getBytes(StandardCharsets.US_ASCII));
        out.write(
            InfoRecords.v3(
                InfoRecords.v3IdXml(SOFTWARE, ORGANIZATION), ZonedDateTime.now(ZoneOffset.UTC)));
      }
      out.flush();
    }
  }

  private void ok() throws IOException {
    write("OK\r\n");
  }

  private void error(String code, String message) throws IOException {
    LOG.debug("{} < ERROR {} {}", peer, code, message);
    write(protocol == Protocol.V4_0 ? "ERROR " + code + " " + message + "\r\n" : "ERROR\r\n");
  }

  private void write(String text) throws IOException {
    synchronized (out) {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  /** A command line ended by CR, LF or CR LF; null at end of input. */
  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c;
      try {
        c = in.read();
      } catch (SocketException e) {
        return null;
      }
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
}
