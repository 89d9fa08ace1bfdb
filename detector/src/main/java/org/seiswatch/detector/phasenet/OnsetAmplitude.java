package org.seiswatch.detector.phasenet;

import org.seiswatch.common.model.Amplitude;
import org.seiswatch.common.model.Phase;

/**
 * The amplitude a PhaseNet pick carries (NEIC {@code Amplitude}: amplitude in counts, period in
 * seconds, signal-to-noise ratio), measured on the raw samples around the onset, the way pick-based
 * magnitudes and quality checks use it:
 *
 * <ul>
 *   <li>channel: for P the vertical, for S the horizontal with the larger amplitude; when that is
 *       flat or missing (zeros), the other kind (a vertical-only station's S on the vertical);
 *   <li>baseline: the mean of the noise window, {@value #NOISE_S} s ending {@value #GAP_S} s before
 *       the onset (shorter at the start of a segment);
 *   <li>amplitude: the largest |sample − baseline| in the signal window, the {@value #SIGNAL_S} s
 *       from the onset (shorter when the data end sooner), zero to peak, in counts;
 *   <li>period: twice the time between the baseline crossings on either side of that peak; absent
 *       when the window holds no crossing on one side;
 *   <li>SNR: amplitude ÷ the largest |sample − baseline| in the noise window; absent when the noise
 *       window is empty or flat.
 * </ul>
 */
public final class OnsetAmplitude {
  static final double NOISE_S = 2.0;
  static final double GAP_S = 0.1;
  static final double SIGNAL_S = 2.0;

  private OnsetAmplitude() {}

  /** Samples before the onset the measurement reads (noise window and gap), at {@code rate}. */
  static int lookBack(double rate) {
    return (int) Math.round((NOISE_S + GAP_S) * rate);
  }

  /**
   * Measures one pick.
   *
   * @param raw {@code [3][]} raw samples in manifest channel order (E, N, Z; zeros for a missing
   *     component)
   * @param onset index of the onset in {@code raw}
   * @param from first index that may be read (the segment's start, or later when nothing before it
   *     is kept)
   * @param to index after the last sample that may be read
   * @param rate sampling rate, Hz
   * @return the amplitude, or null when the onset has no sample after it
   */
  static Amplitude measure(Phase phase, double[][] raw, int onset, int from, int to, double rate) {
    int noiseEnd = Math.max(from, onset - (int) Math.round(GAP_S * rate));
    int noiseStart = Math.max(from, onset - lookBack(rate));
    int signalEnd = Math.min(to, onset + (int) Math.round(SIGNAL_S * rate));
    if (onset >= signalEnd) {
      return null;
    }
    Measured[] m = new Measured[3];
    for (int c = 0; c < 3; c++) {
      m[c] = Measured.of(c, raw[c], noiseStart, noiseEnd, onset, signalEnd);
    }
    Measured horizontal = m[0].peak() >= m[1].peak() ? m[0] : m[1];
    Measured best = phase == Phase.P ? m[2] : horizontal;
    if (best.peak() == 0) {
      best = phase == Phase.P ? horizontal : m[2];
    }
    if (best.peak() == 0) {
      return null;
    }
    Double period = best.period(raw[best.channel()], onset, signalEnd, rate);
    Double snr = best.noise() > 0 ? round(best.peak() / best.noise()) : null;
    return new Amplitude(round(best.peak()), period, snr);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** One channel's measurement. */
  private record Measured(int channel, double baseline, double peak, int peakAt, double noise) {

    static Measured of(
        int channel, double[] x, int noiseStart, int noiseEnd, int signalStart, int signalEnd) {
      double baseline = 0;
      if (noiseEnd > noiseStart) {
        for (int i = noiseStart; i < noiseEnd; i++) {
          baseline += x[i];
        }
        baseline /= noiseEnd - noiseStart;
      } else {
        baseline = x[signalStart];
      }
      double noise = 0;
      for (int i = noiseStart; i < noiseEnd; i++) {
        noise = Math.max(noise, Math.abs(x[i] - baseline));
      }
      double peak = 0;
      int peakAt = signalStart;
      for (int i = signalStart; i < signalEnd; i++) {
        double a = Math.abs(x[i] - baseline);
        if (a > peak) {
          peak = a;
          peakAt = i;
        }
      }
      return new Measured(channel, baseline, peak, peakAt, noise);
    }

    /** Twice the distance between the baseline crossings around the peak, or null. */
    Double period(double[] x, int signalStart, int signalEnd, double rate) {
      double sign = Math.signum(x[peakAt] - baseline);
      int left = peakAt;
      while (left > signalStart && Math.signum(x[left - 1] - baseline) == sign) {
        left--;
      }
      int right = peakAt;
      while (right < signalEnd - 1 && Math.signum(x[right + 1] - baseline) == sign) {
        right++;
      }
      if (left == signalStart || right == signalEnd - 1) {
        return null;
      }
      // crossings between left - 1 and left, and between right and right + 1, interpolated
      double l = left - 1 + crossing(x[left - 1] - baseline, x[left] - baseline);
      double r = right + crossing(x[right] - baseline, x[right + 1] - baseline);
      return round(2 * (r - l) / rate);
    }

    /** Where between two samples (0..1) a line through them crosses zero. */
    private static double crossing(double a, double b) {
      return a == b ? 0.5 : a / (a - b);
    }
  }
}
