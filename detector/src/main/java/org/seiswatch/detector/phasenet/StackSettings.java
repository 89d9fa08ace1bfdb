package org.seiswatch.detector.phasenet;

/**
 * How overlapping windows are run and stacked, in model samples (see {@link StreamingStacker}).
 *
 * @param strideSamples distance between window starts; windows start on multiples of it in absolute
 *     sample numbers, so the grid does not depend on where a stream starts
 * @param horizonSamples H: a window contributes to a sample only if the sample lies at most H
 *     samples before the window's end, so every sample is final once the H samples after it have
 *     arrived (between H - stride and H after it, depending on where it falls on the grid); H =
 *     window length is full stacking
 * @param blindingSamples B: samples this close to either edge of a window never contribute
 * @param edgeWeight weight of a window's contribution at its right blinding edge (offset W - B),
 *     relative to 1 at the horizon (offset W - H); it falls linearly in between, so a sample counts
 *     less from a window that saw little data after it; 1 is the plain mean
 * @param sCentreLevel an S pick is timed at the centre of its stacked peak, taken where the stacked
 *     S probability stays at or above this fraction of the peak's height (at most the minimum peak
 *     distance either side); 0 times it at the maximum, PhaseNet's rule (which P always uses).
 *     Windows that disagree by a few hundredths of a second about an S onset stack to a broad or
 *     double-humped peak whose maximum falls on either side; its centre does not.
 */
public record StackSettings(
    int strideSamples,
    int horizonSamples,
    int blindingSamples,
    double edgeWeight,
    double sCentreLevel) {

  public StackSettings {
    if (strideSamples < 1 || blindingSamples < 0 || horizonSamples <= blindingSamples) {
      throw new IllegalArgumentException(
          "stride "
              + strideSamples
              + ", horizon "
              + horizonSamples
              + ", blinding "
              + blindingSamples);
    }
    if (strideSamples > horizonSamples - blindingSamples) {
      throw new IllegalArgumentException(
          "stride "
              + strideSamples
              + " must be at most horizon - blinding = "
              + (horizonSamples - blindingSamples)
              + " samples, or some samples are covered by no window");
    }
    if (!(edgeWeight >= 0 && edgeWeight <= 1)) {
      throw new IllegalArgumentException("edge weight " + edgeWeight + " is not in [0, 1]");
    }
    if (!(sCentreLevel >= 0 && sCentreLevel < 1)) {
      throw new IllegalArgumentException("S centre level " + sCentreLevel + " is not in [0, 1)");
    }
  }

  /**
   * Where an instrument's windows start on the absolute sample grid: at multiples of the stride
   * plus this phase, taken from the instrument's name ({@code NET.STA.LOC.BAND}; String#hashCode is
   * fixed by the Java spec, so the phase is the same in every run and JVM). Spreading the phases
   * spreads the stations' windows over the stride: in real time (and on replay) the model then gets
   * a steady flow of windows instead of one burst per stride, which it can run while the stream
   * threads decode and stack.
   */
  public int phaseOf(String instrument) {
    return Math.floorMod(instrument.hashCode(), strideSamples);
  }

  /**
   * How much data a pick waits for: the exclusive end (absolute sample number) of the data after
   * which {@link StreamingStacker} emits a maximum at sample {@code maximum} that has no other
   * maximum within {@code minDistance} samples, on the grid of {@code phase} with windows of {@code
   * window} samples. The maximum's cluster closes when the sample {@code minDistance + 2} after it
   * is made final, by the first window starting at or after {@code maximum + minDistance + 3 -
   * stride - lo} ({@code lo = max(B, W - H)}), which runs once its last sample is in. The latency
   * benchmark splits arrival to pick with it ({@code StreamingStackerTest} checks it against the
   * stacker).
   */
  public long dataEndOfPick(long maximum, int phase, int window, int minDistance) {
    int lo = Math.max(blindingSamples, window - horizonSamples);
    long earliest = maximum + minDistance + 3 - strideSamples - lo;
    long start =
        phase + Math.floorDiv(earliest - phase + strideSamples - 1, strideSamples) * strideSamples;
    return start + window;
  }

  /**
   * From seconds at the model's sample rate, with the default edge weight and S centre level
   * ({@link PhaseNetSettings}).
   */
  public static StackSettings ofSeconds(
      double stride, double horizon, double blinding, double sampleRate) {
    return new StackSettings(
        (int) Math.round(stride * sampleRate),
        (int) Math.round(horizon * sampleRate),
        (int) Math.round(blinding * sampleRate),
        PhaseNetSettings.DEFAULT_EDGE_WEIGHT,
        PhaseNetSettings.DEFAULT_S_CENTRE_LEVEL);
  }

  /** The same windows with another edge weight. */
  public StackSettings withEdgeWeight(double weight) {
    return new StackSettings(strideSamples, horizonSamples, blindingSamples, weight, sCentreLevel);
  }

  /** The same windows with another S centre level. */
  public StackSettings withSCentreLevel(double level) {
    return new StackSettings(strideSamples, horizonSamples, blindingSamples, edgeWeight, level);
  }
}
