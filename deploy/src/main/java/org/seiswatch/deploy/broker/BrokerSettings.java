package org.seiswatch.deploy.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the embedded single-node broker.
 *
 * @param dataDir where the broker keeps its log and metadata; formatted on first start, reused
 *     after
 * @param port client (PLAINTEXT) port on {@code host}; 0 picks a free one
 * @param host interface to listen on and advertise, 127.0.0.1 by default
 */
public record BrokerSettings(Path dataDir, int port, String host) {
  public static final int DEFAULT_PORT = 9092;

  public BrokerSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("broker port " + port + " is not in 0..65535");
    }
  }
}
