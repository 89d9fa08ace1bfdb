package org.seiswatch.ingest.seedlink.client.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seiswatch.ingest.seedlink.protocol.PacketFormat;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.protocol.SeedlinkPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP session with a SeedLink server: command/response lines during the handshake, then
 * packets. Reads wake up every {@code tick} so that a keepalive ({@code INFO ID}) goes out after
 * {@code keepalive} of silence and a link silent for {@code timeout} is declared stalled ({@link
 * StalledException}). Writes are synchronized, so {@link #bye()} may come from another thread.
 */
public final class Connection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Payloads above this mean the framing is lost, not a big record. */
  private static final int MAX_PAYLOAD = 1 << 20;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String server;
  private final long keepaliveNanos;
  private final long timeoutNanos;
  private final Runnable onTick;
  private long lastReceived = System.nanoTime();
  private long lastKeepalive = System.nanoTime();
  private volatile boolean streaming;

  /** Thrown when nothing, not even a keepalive answer, arrived for the timeout. */
  public static final class StalledException extends IOException {
    private static final long serialVersionUID = 1L;

    StalledException(String message) {
      super(message);
    }
  }

  public Connection(String host, int port, Duration keepalive, Duration timeout, Runnable onTick)
      throws IOException {
    this.server = host + ":" + port;
    this.keepaliveNanos = keepalive.toNanos();
    this.timeoutNanos = timeout.toNanos();
    this.onTick = onTick;
    socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) Math.min(timeout.toMillis(), 30_000));
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      long tick =
          Math.max(20, Math.min(1_000, Math.min(keepalive.toMillis(), timeout.toMillis()) / 4));
      socket.setSoTimeout((int) tick);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = socket.getOutputStream();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends a command line (terminated CR LF). */
  public void send(String command) throws IOException {
    LOG.debug("{} > {}", server, command);
    synchronized (out) {
      out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  /** Sends {@code command} and returns the response line. */
  public String command(String command) throws IOException {
    send(command);
    String response = readLine();
    LOG.debug("{} < {}", server, response);
    return response;
  }

  /** {@code HELLO}: the two lines of the answer (server id with capabilities, organization). */
  public List<String> hello() throws IOException {
    send("HELLO");
    List<String> lines = new ArrayList<>();
    lines.add(readLine());
    lines.add(readLine());
    return lines;
  }

  /** From now on packets, and keepalives when idle. */
  public void startStreaming() {
    streaming = true;
    lastReceived = System.nanoTime();
    lastKeepalive = lastReceived;
  }

  /**
   * The next data packet. INFO answers (keepalives) are consumed here. A packet whose v3 header is
   * not {@code SL} + hex digits comes back with sequence -1; bytes that are no packet header at all
   * mean the framing is lost: an {@link IOException}, so the caller reconnects.
   */
  public SeedlinkPacket readPacket(Protocol protocol) throws IOException {
    while (true) {
      byte[] signature = readFully(2);
      if (signature[0] == 'S' && signature[1] == 'L') {
        String rest = new String(readFully(6), StandardCharsets.US_ASCII);
        byte[] record = readFully(PacketFormat.V3_RECORD);
        if (rest.startsWith("INFO")) {
          continue;
        }
        return new SeedlinkPacket(
            Protocol.V3_1, PacketFormat.v3Sequence(rest), rest, "", '2', 'D', record);
      }
      if (signature[0] == 'S' && signature[1] == 'E') {
        ByteBuffer h = ByteBuffer.wrap(readFully(15)).order(ByteOrder.LITTLE_ENDIAN);
        char format = (char) h.get(0);
        char subformat = (char) h.get(1);
        long length = Integer.toUnsignedLong(h.getInt(2));
        long sequence = h.getLong(6);
        int idLength = Byte.toUnsignedInt(h.get(14));
        String stationId = new String(readFully(idLength), StandardCharsets.US_ASCII);
        if (length > MAX_PAYLOAD) {
          throw new IOException(
              server + ": SE packet of " + length + " bytes, framing lost; reconnecting");
        }
        byte[] payload = readFully((int) length);
        if (format == 'J') {
          if (subformat == 'E') {
            LOG.warn("{}: server error: {}", server, new String(payload, StandardCharsets.UTF_8));
          }
          continue;
        }
        return new SeedlinkPacket(
            Protocol.V4_0,
            sequence,
            Long.toUnsignedString(sequence),
            stationId,
            format,
            subformat,
            payload);
      }
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s: no packet header (0x%02X%02X) in %s stream, framing lost; reconnecting",
              server,
              signature[0],
              signature[1],
              protocol));
    }
  }

  /** Says BYE (best effort) and closes. */
  public void bye() {
    try {
      send("BYE");
    } catch (IOException e) {
      LOG.debug("{}: BYE not sent: {}", server, e.toString());
    }
    close();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing {}", server, e);
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = readByte();
      if (c == '\n') {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
          end--;
        }
        // v3 extended replies put a second part after a bare CR: keep the status only.
        String text = line.substring(0, end);
        int cr = text.indexOf('\r');
        return cr >= 0 ? text.substring(0, cr) : text;
      }
      if (line.length() > 4096) {
        throw new IOException(server + ": response line too long");
      }
      line.append((char) c);
    }
  }

  private int readByte() throws IOException {
    return readFully(1)[0] & 0xFF;
  }

  private byte[] readFully(int length) throws IOException {
    byte[] buffer = new byte[length];
    int filled = 0;
    while (filled < length) {
      int n;
      try {
        n = in.read(buffer, filled, length - filled);
      } catch (SocketTimeoutException e) {
        idle();
        continue;
      }
      if (n < 0) {
        throw new IOException(server + " closed the connection");
      }
      filled += n;
      lastReceived = System.nanoTime();
    }
    return buffer;
  }

  private void idle() throws IOException {
    long now = System.nanoTime();
    if (now - lastReceived >= timeoutNanos) {
      throw new StalledException(
          server
              + ": nothing received for "
              + Duration.ofNanos(now - lastReceived).toMillis()
              + " ms");
    }
    if (streaming) {
      if (now - lastReceived >= keepaliveNanos && now - lastKeepalive >= keepaliveNanos) {
        lastKeepalive = now;
        send("INFO ID");
      }
      onTick.run();
    }
  }
}
