package org.seiswatch.detector.associator;

/** A regular latitude × longitude × depth grid of candidate hypocentres. */
record Grid(
    double latMin,
    double latMax,
    double latStep,
    double lonMin,
    double lonMax,
    double lonStep,
    double depthMin,
    double depthMax,
    double depthStep) {

  int latCount() {
    return count(latMin, latMax, latStep);
  }

  int lonCount() {
    return count(lonMin, lonMax, lonStep);
  }

  int depthCount() {
    return count(depthMin, depthMax, depthStep);
  }

  double lat(int i) {
    return latMin + i * latStep;
  }

  double lon(int i) {
    return lonMin + i * lonStep;
  }

  double depth(int i) {
    return depthMin + i * depthStep;
  }

  private static int count(double min, double max, double step) {
    return (int) Math.floor((max - min) / step + 1e-9) + 1;
  }

  /** A grid {@code factor} times finer spanning two cells of this one either side of a node. */
  Grid around(Fit center, int factor, LocatorSettings settings) {
    return new Grid(
        center.lat - 2 * latStep,
        center.lat + 2 * latStep,
        latStep / factor,
        center.lon - 2 * lonStep,
        center.lon + 2 * lonStep,
        lonStep / factor,
        Math.max(settings.minDepthKm(), center.depth - 2 * depthStep),
        Math.min(settings.maxDepthKm(), center.depth + 2 * depthStep),
        depthStep / factor);
  }
}
