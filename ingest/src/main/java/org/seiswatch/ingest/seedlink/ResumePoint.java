package org.seiswatch.ingest.seedlink;

import java.util.Objects;

/**
 * The last sequence number of one station of one SeedLink server whose record is in {@code
 * seis.raw}, committed in the same Kafka transaction as that record. Key on the state topic: {@link
 * #key()}.
 *
 * @param server {@code HOST:PORT}
 * @param station {@code NET_STA}
 * @param protocol the protocol the sequence number belongs to ({@code 3.1}: 24 bits)
 */
public record ResumePoint(String server, String station, long sequence, String protocol) {
  public ResumePoint {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(protocol, "protocol");
  }

  public String key() {
    return key(server, station);
  }

  public static String key(String server, String station) {
    return server + "/" + station;
  }
}
