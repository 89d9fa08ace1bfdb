package org.seiswatch.ingest.seedlink.server.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Payloads of INFO answers: for SeedLink 3 a 512-byte miniSEED 2 log record (station {@code INFO},
 * ASCII encoding) carrying the XML document, as SeisComP and ringserver send them; for SeedLink 4 a
 * JSON document (format {@code J}, subformat {@code I}).
 */
public final class InfoRecords {
  private static final int RECORD = 512;
  private static final int DATA_OFFSET = 56;

  private InfoRecords() {}

  public static byte[] v3(String xml, ZonedDateTime now) {
    byte[] text = xml.getBytes(StandardCharsets.US_ASCII);
    int length = Math.min(text.length, RECORD - DATA_OFFSET);
    ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.BIG_ENDIAN);
    b.put("000000D ".getBytes(StandardCharsets.US_ASCII));
    b.put("INFO   LOGSL".getBytes(StandardCharsets.US_ASCII));
    ZonedDateTime t = now.withZoneSameInstant(ZoneOffset.UTC);
    b.putShort((short) t.getYear()).putShort((short) t.getDayOfYear());
    b.put((byte) t.getHour()).put((byte) t.getMinute()).put((byte) t.getSecond()).put((byte) 0);
    b.putShort((short) 0);
    b.putShort((short) length).putShort((short) 0).putShort((short) 0);
    b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 1).putInt(0);
    b.putShort((short) DATA_OFFSET).putShort((short) 48);
    b.putShort((short) 1000).putShort((short) 0);
    b.put((byte) 0).put((byte) 1).put((byte) 9).put((byte) 0);
    b.put(text, 0, length);
    return b.array();
  }

  public static String v3IdXml(String software, String organization) {
    return "<?xml version=\"1.0\"?>\n<seedlink software=\""
        + software
        + "\" organization=\""
        + organization
        + "\"/>\n";
  }

  public static String v4IdJson(String software, String organization) {
    return "{\"software\":\"" + software + "\",\"organization\":\"" + organization + "\"}";
  }
}
