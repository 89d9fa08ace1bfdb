package org.seiswatch.ingest.seedlink.server.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Ways to damage a record for fault injection ({@link
 * org.seiswatch.ingest.seedlink.server.Faults}).
 */
final class Damage {
  private Damage() {}

  /** The data section overwritten with a pattern, so the samples no longer decode. */
  static byte[] corrupt(byte[] record) {
    byte[] out = record.clone();
    for (int i = 64; i < out.length; i++) {
      out[i] = (byte) 0x5A;
    }
    return out;
  }

  /** The record followed by 64 stray bytes. */
  static byte[] append(byte[] record) {
    return Arrays.copyOf(record, record.length + 64);
  }

  /** A miniSEED 2 record whose blockette 1000 claims {@code 2^exponent} bytes. */
  static byte[] claimLength(byte[] record, int exponent) {
    byte[] out = record.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    int year = Short.toUnsignedInt(b.getShort(20));
    b.order(year >= 1900 && year <= 2500 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int next = Short.toUnsignedInt(b.getShort(46));
    for (int hops = 0; next != 0 && next + 8 <= out.length && hops < 32; hops++) {
      if (Short.toUnsignedInt(b.getShort(next)) == 1000) {
        out[next + 6] = (byte) exponent;
        return out;
      }
      next = Short.toUnsignedInt(b.getShort(next + 2));
    }
    return Arrays.copyOf(record, record.length / 2);
  }
}
