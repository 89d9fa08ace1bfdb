package org.seiswatch.ingest.seedlink.client.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.seedlink.client.ReceivedRecord;
import org.seiswatch.ingest.seedlink.client.RejectedPacket;
import org.seiswatch.ingest.seedlink.protocol.PacketFormat;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.protocol.SeedlinkPacket;
import org.seiswatch.ingest.seedlink.protocol.StreamSelector;

/**
 * Checks every packet of one connection, in this order: readable sequence number; miniSEED payload
 * format; the record's own length equals the packet's payload (v3: 512 bytes); the record parses
 * and its samples decode; the v4 header's station id is the record's; the stream was asked for; the
 * sequence number is after the previous one of that station on this connection. A failure is a
 * {@link RejectedPacket} (a dead letter). A good packet at or before the last one kept for its
 * station (per {@code kept}) is a resent duplicate and is dropped silently: servers resume by
 * station patterns, so some resending after a reconnect is normal.
 */
public final class PacketChecker {
  /** What became of a packet. */
  public sealed interface Outcome permits Accepted, Rejected, Duplicate {}

  public record Accepted(ReceivedRecord record) implements Outcome {}

  public record Rejected(RejectedPacket packet) implements Outcome {}

  public record Duplicate(String stationId, long sequence) implements Outcome {}

  private final String server;
  private final Protocol protocol;
  private final List<StreamSelector> selectors;
  private final Map<String, Long> kept;
  private final Map<String, Long> seen = new HashMap<>();

  /**
   * @param kept last sequence kept per station id, from earlier connections; updated as records are
   *     accepted
   */
  public PacketChecker(
      String server, Protocol protocol, List<StreamSelector> selectors, Map<String, Long> kept) {
    this.server = server;
    this.protocol = protocol;
    this.selectors = selectors;
    this.kept = new HashMap<>(kept);
  }

  public Outcome check(SeedlinkPacket packet) {
    byte[] payload = packet.payload();
    long seq = packet.sequence();
    if (seq < 0 && protocol == Protocol.V3_1) {
      return reject(
          seq, "bad sequence: header 'SL" + packet.rawSequence() + "' is not hexadecimal", payload);
    }
    if (!packet.isMiniSeed()) {
      return reject(seq, "unsupported payload format '" + packet.format() + "'", payload);
    }
    MiniSeedRecord record;
    try {
      int length = MiniSeed.recordLength(ByteBuffer.wrap(payload));
      int expected = protocol == Protocol.V3_1 ? PacketFormat.V3_RECORD : payload.length;
      if (length != expected || payload.length != expected) {
        return reject(
            seq,
            "wrong length: record header says "
                + length
                + " bytes, packet carries "
                + payload.length,
            payload);
      }
      record = MiniSeed.parse(payload);
      MiniSeed.decode(record);
    } catch (InvalidRecordException e) {
      return reject(seq, "unparsable miniSEED: " + e.getMessage(), payload);
    }
    String stationId = record.streamId().network() + "_" + record.streamId().station();
    if (protocol == Protocol.V4_0 && !packet.stationId().equalsIgnoreCase(stationId)) {
      return reject(
          seq,
          "station id mismatch: header says " + packet.stationId() + ", record is " + stationId,
          payload);
    }
    if (!StreamSelector.anyMatches(selectors, record.streamId())) {
      return reject(seq, "unrequested stream " + record.streamId(), payload);
    }
    Long previous = seen.get(stationId);
    if (previous != null && !protocol.isAfter(seq, previous)) {
      return reject(
          seq,
          "bad sequence: "
              + packet.rawSequence()
              + " after "
              + previous
              + " for "
              + stationId
              + " (not increasing)",
          payload);
    }
    seen.put(stationId, seq);
    Long last = kept.get(stationId);
    if (last != null && !protocol.isAfter(seq, last)) {
      return new Duplicate(stationId, seq);
    }
    kept.put(stationId, seq);
    return new Accepted(new ReceivedRecord(server, protocol, seq, stationId, record));
  }

  private Outcome reject(long seq, String reason, byte[] payload) {
    return new Rejected(new RejectedPacket(server, seq, reason, payload));
  }
}
