package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PhaseNet's picking rule ({@code models/README.md} "Picking rule", after the repository's {@code
 * detect_peaks.py}): local maxima {@code x[i-1] < x[i] >= x[i+1]} (first and last sample excluded)
 * at or above the threshold; then, highest first, drop every maximum within ±{@code minDistance}
 * samples (inclusive) of a higher one that was kept. Result in index order.
 */
public final class PeakDetector {
  private PeakDetector() {}

  /** A picked sample: its index in the array searched and the probability there. */
  public record Peak(int index, double score) {}

  public static List<Peak> detect(float[] x, double threshold, int minDistance) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return detect(d, threshold, minDistance);
  }

  /** As {@link #detect(float[], double, int)}; NaN samples (no data) never form a peak. */
  public static List<Peak> detect(double[] x, double threshold, int minDistance) {
    List<Peak> candidates = new ArrayList<>();
    for (int i = 1; i < x.length - 1; i++) {
      if (x[i - 1] < x[i] && x[i] >= x[i + 1] && x[i] >= threshold) {
        candidates.add(new Peak(i, x[i]));
      }
    }
    return suppress(candidates, minDistance);
  }

  /** The greedy highest-first suppression alone, on candidates already found. */
  static List<Peak> suppress(List<Peak> candidates, int minDistance) {
    List<Peak> byHeight = new ArrayList<>(candidates);
    // detect_peaks sorts ascending and reverses: among equal heights the later index wins
    byHeight.sort(Comparator.comparingDouble(Peak::score).thenComparingInt(Peak::index).reversed());
    List<Peak> kept = new ArrayList<>();
    for (Peak p : byHeight) {
      boolean near = false;
      for (Peak k : kept) {
        if (Math.abs(k.index() - p.index()) <= minDistance) {
          near = true;
          break;
        }
      }
      if (!near) {
        kept.add(p);
      }
    }
    kept.sort(Comparator.comparingInt(Peak::index));
    return kept;
  }
}
