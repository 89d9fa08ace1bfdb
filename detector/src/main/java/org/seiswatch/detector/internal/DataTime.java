package org.seiswatch.detector.internal;

import java.time.Instant;

/**
 * Data time as epoch nanoseconds in a {@code long} (good until 2262): exact sample arithmetic
 * without {@link Instant} allocation in the sample loops.
 */
public final class DataTime {
  /** Marks "no time yet" in state. */
  public static final long NONE = Long.MIN_VALUE;

  private DataTime() {}

  public static long toNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  public static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /**
   * Offset of sample {@code index} from the first, at {@code rate} Hz, rounded to the nanosecond.
   */
  public static long sampleOffset(long index, double rate) {
    return Math.round(index * 1e9 / rate);
  }

  public static long seconds(double seconds) {
    return Math.round(seconds * 1e9);
  }

  public static long toMillis(long nanos) {
    return Math.floorDiv(nanos, 1_000_000L);
  }
}
