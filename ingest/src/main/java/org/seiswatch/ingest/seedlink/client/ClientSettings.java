package org.seiswatch.ingest.seedlink.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.protocol.StreamSelector;

/**
 * How a {@link SeedlinkClient} connects.
 *
 * @param host server host
 * @param port server port (18000 by convention)
 * @param selectors the streams to ask for
 * @param protocol the protocol to speak; null = 4.0 when the server offers it, else 3.1
 * @param keepalive idle time after which {@code INFO ID} is sent to keep the link alive
 * @param timeout a link with no byte received for this long (keepalive answers included) is taken
 *     for stalled and reopened
 * @param reconnectInitial first reconnect delay; doubled per failed attempt
 * @param reconnectMax cap of the reconnect delay
 */
public record ClientSettings(
    String host,
    int port,
    List<StreamSelector> selectors,
    Protocol protocol,
    Duration keepalive,
    Duration timeout,
    Duration reconnectInitial,
    Duration reconnectMax) {
  public ClientSettings {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port);
    }
    selectors = List.copyOf(selectors);
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("no stream selected");
    }
    for (Duration d : List.of(keepalive, timeout, reconnectInitial, reconnectMax)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
  }

  /** {@code HOST:PORT}, as named in dead letters, headers and the resume state. */
  public String server() {
    return host + ":" + port;
  }

  /** Parses {@code HOST:PORT} (or {@code HOST}, port 18000). */
  public static String[] hostPort(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      return new String[] {address, "18000"};
    }
    return new String[] {address.substring(0, colon), address.substring(colon + 1)};
  }
}
