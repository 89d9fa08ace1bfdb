package org.seiswatch.ingest.seedlink.protocol;

import java.util.Objects;

/**
 * One SeedLink data packet as it travels on the wire: sequence number, station id (v4 header; empty
 * in v3), payload format and bytes. The payload is not copied: packets are handed from reader to
 * checker once.
 *
 * @param sequence the sequence number, or -1 when the header's sequence field is unreadable
 * @param rawSequence the sequence field as received (six hex characters for v3), for dead letters
 * @param format {@code '2'} or {@code '3'} for miniSEED 2 or 3; {@code 'J'} JSON; v3 packets are
 *     {@code '2'}
 */
public record SeedlinkPacket(
    Protocol protocol,
    long sequence,
    String rawSequence,
    String stationId,
    char format,
    char subformat,
    byte[] payload) {
  public SeedlinkPacket {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(rawSequence, "rawSequence");
    Objects.requireNonNull(stationId, "stationId");
    Objects.requireNonNull(payload, "payload");
  }

  public boolean isMiniSeed() {
    return format == '2' || format == '3';
  }
}
