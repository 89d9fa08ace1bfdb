package org.seiswatch.ingest.seedlink.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.ingest.seedlink.server.internal.Archive;
import org.seiswatch.ingest.seedlink.server.internal.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SeedLink server for miniSEED archives, so that any SeedLink client (SeisComP, ObsPy, slinktool,
 * {@code seiswatch ingest}) can read archived data as if it were live.
 *
 * <p>Protocols: SeedLink 3.1 as documented for SeisComP's seedlink (<a
 * href="https://www.seiscomp.de/doc/apps/seedlink.html">SeisComP seedlink</a>; multi-station
 * handshake {@code STATION STA NET}, {@code SELECT LLCCC}, {@code DATA [hexseq]}, {@code END};
 * uni-station {@code SELECT}/{@code DATA}; packets {@code "SL"} + six hex digits + 512-byte
 * miniSEED 2 record) and SeedLink 4.0 as specified by the FDSN (<a
 * href="https://docs.fdsn.org/projects/seedlink/en/latest/protocol.html">SeedLink 4.0</a>; {@code
 * SLPROTO 4.0}, {@code STATION NET_STA}, {@code SELECT LOC_B_S_SS}, {@code DATA [seq|ALL]}, {@code
 * END}; {@code "SE"} packets with 64-bit sequence numbers, miniSEED 2 or 3 payloads). {@code INFO
 * ID} is answered (a keepalive for clients), {@code BYE} closes.
 *
 * <p>Sequence numbers: record {@code i} of the archive in replay order (start time, stream id,
 * file, offset) is sequence {@code i}; with {@code loop} the next pass goes on from {@code size()}.
 * A restarted server over the same files gives every record the same number, so clients resume
 * without loss or duplicates. {@code DATA} without a sequence number starts at the beginning of the
 * archive (an archive has no "now").
 *
 * <p>Repacking: SeedLink 3 carries only 512-byte miniSEED 2 records ("SL" packets, SeisComP
 * seedlink documentation). Over 3.1, records that are not 512-byte v2 (4096-byte v2, any miniSEED
 * 3) are decoded and re-encoded as consecutive 512-byte Steim-2 records with the same codes and
 * sample times (to the microsecond, the v2 limit); each gets its own v3 sequence number, numbered
 * so that they too are stable across restarts (the 24 low bits go on the wire; see {@code
 * Archive}). Records with non-integer samples cannot be repacked and are not served over 3.1 (a
 * warning names the stream). SeedLink 4.0 clients always get the original records, unchanged, under
 * the archive sequence numbers.
 *
 * <p>Pacing: with {@code speed > 0}, sequence {@code i} is released at server start plus its data
 * time offset from the first record divided by {@code speed}; with 0 everything is available at
 * once. One thread per client.
 */
public final class SeedlinkServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeedlinkServer.class);

  private final ServerSettings settings;
  private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicLong packetsSent = new AtomicLong();
  private Archive archive;
  private ServerSocket listener;
  private Thread acceptor;
  private volatile boolean closed;

  public SeedlinkServer(ServerSettings settings) {
    this.settings = settings;
  }

  /**
   * Indexes the archive and starts listening.
   *
   * @throws ConfigurationException if the archive has no record or the port cannot be bound
   */
  public synchronized SeedlinkServer start() {
    archive = new Archive(settings.archive());
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(
          new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()));
    } catch (IOException e) {
      archive.close();
      throw new ConfigurationException(
          "cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": " + e, e);
    }
    long startNanos = System.nanoTime();
    acceptor = new Thread(() -> accept(startNanos), "seedlink-server-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
    LOG.info(
        "SeedLink server on {}:{} ({}), {} records, speed {}{}",
        settings.bindAddress(),
        port(),
        settings.protocols(),
        archive.size(),
        settings.speed() == 0 ? "unpaced" : settings.speed() + "x",
        settings.loop() ? ", looping" : "");
    return this;
  }

  /** The port listened on (useful with port 0). */
  public int port() {
    return listener.getLocalPort();
  }

  /** How many records one pass through the archive has. */
  public int records() {
    return archive.size();
  }

  /** Data packets written to clients so far, all connections together. */
  public long packetsSent() {
    return packetsSent.get();
  }

  private void accept(long startNanos) {
    while (!closed) {
      try {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        ClientSession session =
            new ClientSession(socket, archive, settings, startNanos, packetsSent);
        sessions.add(session);
        Thread thread =
            new Thread(
                () -> {
                  try {
                    session.run();
                  } finally {
                    sessions.remove(session);
                  }
                },
                "seedlink-client-" + socket.getRemoteSocketAddress());
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("accepting a SeedLink client failed: {}", e.toString());
        }
      }
    }
  }

  /** Stops listening and drops every client. */
  @Override
  public synchronized void close() {
    if (closed || listener == null) {
      closed = true;
      return;
    }
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      sessions.forEach(ClientSession::close);
      try {
        acceptor.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      archive.close();
      LOG.info("SeedLink server on port {} stopped", listener.getLocalPort());
    }
  }
}
