package org.seiswatch.detector.associator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.seiswatch.common.model.Phase;

/**
 * A located hypocentre with the observations consistent with it (at most one per station and phase)
 * and their residuals (observed minus predicted, seconds, same order), and 1-sigma errors from the
 * covariance of the least-squares fit (NaN when the fit cannot constrain them).
 *
 * @param horizontalErrorKm semi-major axis of the horizontal error ellipse
 * @param latitudeErrorKm north-south error
 * @param longitudeErrorKm east-west error
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
    double latitudeErrorKm,
    double longitudeErrorKm,
    double depthErrorKm,
    double timeErrorSeconds) {

  public Solution {
    inliers = List.copyOf(inliers);
    residuals = residuals.clone();
  }

  @Override
  public double[] residuals() {
    return residuals.clone();
  }

  /** Distinct stations among the inliers. */
  public int stations() {
    Set<String> keys = new HashSet<>();
    for (Observation o : inliers) {
      keys.add(o.stationKey());
    }
    return keys.size();
  }

  /** Inliers of one phase. */
  public int count(Phase phase) {
    return (int) inliers.stream().filter(o -> o.phase() == phase).count();
  }

  public int picks() {
    return inliers.size();
  }
}
