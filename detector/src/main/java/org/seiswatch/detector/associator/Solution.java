package org.seiswatch.detector.associator;

import java.util.List;

/**
 * A located hypocentre with the observations consistent with it (one per station) and their
 * residuals (observed minus predicted, seconds, same order).
 *
 * @param horizontalErrorKm rough half-width of the region of equally good nodes
 */
public record Solution(
    double latitude,
    double longitude,
    double depthKm,
    long originNanos,
    double rms,
    List<Observation> inliers,
    double[] residuals,
    double horizontalErrorKm,
    double depthErrorKm) {

  public Solution {
    inliers = List.copyOf(inliers);
    residuals = residuals.clone();
  }

  @Override
  public double[] residuals() {
    return residuals.clone();
  }

  public int stations() {
    return inliers.size();
  }
}
