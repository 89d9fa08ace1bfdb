package org.seiswatch.detector.associator;

/**
 * P travel times from a {@link VelocityModel} to a receiver at one elevation, tabulated over
 * horizontal distance and source depth and interpolated bilinearly, so that a grid search does not
 * trace rays at every node.
 */
final class TravelTimeTable {
  private static final double STEP_KM = 0.5;

  private final double minDepth;
  private final int distances;
  private final int depths;
  private final double[] times;

  TravelTimeTable(
      VelocityModel model,
      double receiverElevationKm,
      double maxDistanceKm,
      double minDepthKm,
      double maxDepthKm) {
    this.minDepth = minDepthKm;
    this.distances = (int) Math.ceil(maxDistanceKm / STEP_KM) + 1;
    this.depths = (int) Math.ceil((maxDepthKm - minDepthKm) / STEP_KM) + 1;
    this.times = new double[distances * depths];
    for (int z = 0; z < depths; z++) {
      double depth = minDepthKm + z * STEP_KM;
      for (int d = 0; d < distances; d++) {
        times[z * distances + d] = model.travelTime(d * STEP_KM, depth, -receiverElevationKm);
      }
    }
  }

  /** Travel time in seconds, or NaN beyond the table. */
  double time(double distanceKm, double depthKm) {
    double fd = distanceKm / STEP_KM;
    double fz = (depthKm - minDepth) / STEP_KM;
    if (fd < 0 || fz < 0 || fd > distances - 1 || fz > depths - 1) {
      return Double.NaN;
    }
    int d = Math.min((int) fd, distances - 2);
    int z = Math.min((int) fz, depths - 2);
    double u = fd - d;
    double w = fz - z;
    int i = z * distances + d;
    double top = times[i] * (1 - u) + times[i + 1] * u;
    double bottom = times[i + distances] * (1 - u) + times[i + distances + 1] * u;
    return top * (1 - w) + bottom * w;
  }
}
