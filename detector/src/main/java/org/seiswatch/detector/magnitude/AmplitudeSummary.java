package org.seiswatch.detector.magnitude;

import java.util.Objects;

/**
 * The Wood-Anderson amplitude of one block of one horizontal channel, as the amplitude processor
 * sends it to the associator.
 *
 * @param station {@code NET.STA}
 * @param channel {@code LOC.CHA} (location may be empty: {@code .HHE})
 * @param startNanos data time of the block's first sample
 * @param endNanos data time one sample after its last
 * @param peakMm largest |Wood-Anderson displacement| in the block, mm (0 when every sample was in
 *     the filter's warm-up)
 * @param peakNanos data time of that sample ({@code startNanos} when none counted)
 * @param clipped whether the block's raw counts look clipped ({@link ClipDetector})
 */
public record AmplitudeSummary(
    String station,
    String channel,
    long startNanos,
    long endNanos,
    double peakMm,
    long peakNanos,
    boolean clipped) {
  public AmplitudeSummary {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(channel, "channel");
    if (endNanos < startNanos) {
      throw new IllegalArgumentException(station + " " + channel + ": block ends before it starts");
    }
    if (!(peakMm >= 0)) {
      throw new IllegalArgumentException(station + " " + channel + ": peak " + peakMm);
    }
  }

  /** Whether the block overlaps {@code [from, to]}. */
  public boolean overlaps(long from, long to) {
    return endNanos > from && startNanos <= to;
  }
}
