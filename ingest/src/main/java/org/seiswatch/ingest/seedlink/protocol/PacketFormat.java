package org.seiswatch.ingest.seedlink.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Packet headers on the wire.
 *
 * <ul>
 *   <li>SeedLink 3: {@code "SL"} + six uppercase hexadecimal digits (the low 24 bits of the
 *       sequence number), then a 512-byte miniSEED 2 record. INFO answers are {@code "SLINFO *"}
 *       (more follow) or {@code "SLINFO "} (last) + one 512-byte record.
 *   <li>SeedLink 4 ("Data packet structure" in the FDSN specification): {@code "SE"}, format (1
 *       byte, e.g. {@code '2'}/{@code '3'} miniSEED, {@code 'J'} JSON), subformat (1 byte, {@code
 *       'D'} data, {@code 'I'} INFO, {@code 'E'} error), payload length (uint32, little-endian),
 *       sequence number (uint64, little-endian), station id length (uint8), then the station id
 *       ({@code NET_STA}) and the payload.
 * </ul>
 */
public final class PacketFormat {
  public static final int V3_HEADER = 8;
  public static final int V3_RECORD = 512;
  public static final int V4_HEADER = 17;

  private PacketFormat() {}

  public static byte[] v3Header(long sequence) {
    return String.format(Locale.ROOT, "SL%06X", sequence & Protocol.V3_SEQUENCE_MASK)
        .getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] v4Header(
      char format, char subformat, int payloadLength, long sequence, String stationId) {
    byte[] id = stationId.getBytes(StandardCharsets.US_ASCII);
    if (id.length > 255) {
      throw new IllegalArgumentException("station id longer than 255 bytes: " + stationId);
    }
    ByteBuffer b = ByteBuffer.allocate(V4_HEADER + id.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'S').put((byte) 'E').put((byte) format).put((byte) subformat);
    b.putInt(payloadLength).putLong(sequence).put((byte) id.length).put(id);
    return b.array();
  }

  /** Parses the six hex digits of a v3 header; -1 if they are not hex. */
  public static long v3Sequence(String hex) {
    if (hex.length() != 6) {
      return -1;
    }
    for (int i = 0; i < 6; i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return -1;
      }
    }
    return Long.parseLong(hex, 16);
  }
}
