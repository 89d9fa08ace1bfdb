package org.seiswatch.ingest.seedlink.protocol;

import java.util.Locale;

/**
 * The two SeedLink protocol versions spoken here.
 *
 * <ul>
 *   <li>3.1: the de-facto protocol of SeisComP's seedlink and of ringserver (<a
 *       href="https://www.seiscomp.de/doc/apps/seedlink.html">SeisComP seedlink documentation</a>):
 *       packets {@code "SL"} + six hexadecimal digits of sequence + one 512-byte miniSEED 2 record.
 *   <li>4.0: the <a href="https://docs.fdsn.org/projects/seedlink/en/latest/protocol.html">FDSN
 *       SeedLink 4.0 specification</a>: {@code SLPROTO 4.0} after {@code HELLO}, packets {@code
 *       "SE"} with a 17-byte binary header, 64-bit sequence numbers, any payload length.
 * </ul>
 */
public enum Protocol {
  V3_1("3.1"),
  V4_0("4.0");

  /** v3 sequence numbers are 24 bits wide (six hex digits) and wrap around. */
  public static final long V3_SEQUENCE_MASK = 0xFFFFFFL;

  private final String label;

  Protocol(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** {@code "3.1"}, {@code "3"}, {@code "4.0"}, {@code "4"}. */
  public static Protocol parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("3") || t.equals("3.1") || t.equals("3.0")) {
      return V3_1;
    }
    if (t.equals("4") || t.equals("4.0")) {
      return V4_0;
    }
    throw new IllegalArgumentException("unknown SeedLink protocol '" + text + "' (3.1 or 4.0)");
  }

  /**
   * Whether sequence {@code next} comes after {@code last} for this protocol: plain unsigned order
   * for 4.0, order modulo 2^24 for 3.1 (a step of less than half the range forward), so the wrap
   * from FFFFFF to 000000 is not taken for a step back.
   */
  public boolean isAfter(long next, long last) {
    if (this == V4_0) {
      return Long.compareUnsigned(next, last) > 0;
    }
    long step = (next - last) & V3_SEQUENCE_MASK;
    return step != 0 && step < (1L << 23);
  }

  @Override
  public String toString() {
    return label;
  }
}
