package org.seiswatch.ingest.seedlink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtocolTest {
  @Test
  void shouldOrderV3SequencesAcrossTheWrapWhenComparing() {
    assertTrue(Protocol.V3_1.isAfter(0x000001, 0x000000));
    assertTrue(Protocol.V3_1.isAfter(0x000000, 0xFFFFFF));
    assertFalse(Protocol.V3_1.isAfter(0xFFFFFF, 0x000000));
    assertFalse(Protocol.V3_1.isAfter(5, 5));
  }

  @Test
  void shouldOrderV4SequencesUnsignedWhenComparing() {
    assertTrue(Protocol.V4_0.isAfter(-1L, Long.MAX_VALUE));
    assertFalse(Protocol.V4_0.isAfter(7, 8));
  }

  @Test
  void shouldWriteSlAndSixHexDigitsWhenV3Header() {
    assertEquals("SL00012B", new String(PacketFormat.v3Header(299), StandardCharsets.US_ASCII));
    assertEquals(
        "SL000000", new String(PacketFormat.v3Header(1L << 24), StandardCharsets.US_ASCII));
    assertEquals(299, PacketFormat.v3Sequence("00012B"));
    assertEquals(-1, PacketFormat.v3Sequence("00012G"));
  }

  @Test
  void shouldLayOutTheSeHeaderLittleEndianWhenV4Header() {
    byte[] header = PacketFormat.v4Header('2', 'D', 512, 0x0102030405060708L, "HV_HUAD");
    assertEquals(17 + 7, header.length);
    ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    assertArrayEquals(
        "SE2D".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(header, 4));
    assertEquals(512, b.getInt(4));
    assertEquals(0x0102030405060708L, b.getLong(8));
    assertEquals(7, b.get(16));
    assertEquals("HV_HUAD", new String(header, 17, 7, StandardCharsets.US_ASCII));
  }
}
