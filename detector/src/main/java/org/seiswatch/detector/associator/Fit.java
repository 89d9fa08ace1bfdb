package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.List;
import org.seiswatch.detector.internal.DataTime;

/** How well one grid node explains the picks: consistent stations, RMS, origin time. */
final class Fit {
  final double lat;
  final double lon;
  final double depth;
  final int count;
  final double rms;
  final double origin;
  final int[] chosen;
  final double[] residuals;

  private Fit(
      double lat, double lon, double depth, int[] chosen, double[] residuals, double origin) {
    this.lat = lat;
    this.lon = lon;
    this.depth = depth;
    this.chosen = chosen;
    this.residuals = residuals;
    this.count = chosen.length;
    this.origin = origin;
    double sum = 0;
    for (double r : residuals) {
      sum += r * r;
    }
    this.rms = count == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(sum / count);
  }

  static Fit of(double lat, double lon, double depth, double[] origins, int[] chosenPerStation) {
    List<Integer> picks = new ArrayList<>();
    double sum = 0;
    for (int i : chosenPerStation) {
      if (i >= 0) {
        picks.add(i);
        sum += origins[i];
      }
    }
    picks.sort(null);
    int[] chosen = picks.stream().mapToInt(Integer::intValue).toArray();
    double origin = chosen.length == 0 ? 0 : sum / chosen.length;
    double[] residuals = new double[chosen.length];
    for (int k = 0; k < chosen.length; k++) {
      residuals[k] = origins[chosen[k]] - origin;
    }
    return new Fit(lat, lon, depth, chosen, residuals, origin);
  }

  boolean betterThan(Fit other) {
    return count > other.count || (count == other.count && rms < other.rms);
  }

  Solution toSolution(Locator.Problem problem, double[] errors) {
    List<Observation> inliers = new ArrayList<>();
    for (int i : chosen) {
      inliers.add(problem.observations.get(i));
    }
    long originNanos = problem.reference + DataTime.seconds(origin);
    return new Solution(
        lat, lon, depth, originNanos, rms, inliers, residuals, errors[0], errors[1]);
  }
}
